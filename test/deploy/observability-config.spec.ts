import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '@mirrorbook/testing';
import { appServices, environmentOf, loadComposeProject, repoText } from './support/compose.model';

interface ScrapeConfig {
  job_name: string;
  dns_sd_configs?: { names: string[]; type: string; port: number }[];
  static_configs?: { targets: string[] }[];
}
interface Panel {
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: { expr: string }[];
}

const project = loadComposeProject();
const prometheus = parse(repoText('deploy/prometheus/prometheus.yml')) as { scrape_configs: ScrapeConfig[] };
const dashboard = JSON.parse(repoText('deploy/grafana/dashboards/mirrorbook.json')) as { uid: string; panels: Panel[] };
const datasources = parse(repoText('deploy/grafana/provisioning/datasources/prometheus.yml')) as { datasources: { uid: string; url: string }[] };

/** Long-running services that serve /metrics: every app service except one-shots and the CLI. */
const scraped = appServices(project).filter(([name, s]) => !['demo-init', 'testnet-preflight', 'cli'].includes(name) && s.restart === 'unless-stopped');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('Prometheus (deploy/prometheus/prometheus.yml)', () => {
  it.each(scraped)('scrapes %s on its HTTP_PORT under a DNS name that reaches every replica', (name, service) => {
    const names = [name, ...Object.values(service.networks ?? {}).flatMap((n) => n?.aliases ?? [])];
    const port = Number(environmentOf(service).HTTP_PORT);
    const jobs = prometheus.scrape_configs.filter((job) => job.dns_sd_configs?.some((sd) => sd.port === port && sd.names.some((n) => names.includes(n))));
    expect({ name, jobs: jobs.length }).toEqual({ name, jobs: 1 });
  });

  it('finds all executors under one alias, whatever the wallets', () => {
    const executors = Object.entries(project.services).filter(([n]) => n.startsWith('executor-'));
    expect(executors.length).toBeGreaterThan(0);
    for (const [, service] of executors) expect(service.networks?.default?.aliases).toEqual(['executor']);
  });

  it('scrapes only names that compose defines', () => {
    const known = new Set([...Object.keys(project.services), 'executor']);
    for (const job of prometheus.scrape_configs) for (const sd of job.dns_sd_configs ?? []) for (const n of sd.names) expect(known).toContain(n);
  });
});

describe('Grafana provisioning', () => {
  const panels = dashboard.panels.filter((p) => p.type !== 'row');
  const exprs = panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

  it('points the dashboard at the provisioned Prometheus data source', () => {
    expect(datasources.datasources).toEqual([expect.objectContaining({ uid: 'prometheus', url: 'http://prometheus:9090' })]);
    for (const panel of panels) expect({ panel: panel.title, uid: panel.datasource?.uid }).toEqual({ panel: panel.title, uid: 'prometheus' });
  });

  it('loads the dashboards from where compose mounts them', () => {
    const provider = parse(repoText('deploy/grafana/provisioning/dashboards/mirrorbook.yml')) as { providers: { options: { path: string } }[] };
    const mount = (project.services.grafana.volumes ?? []).find((v) => typeof v === 'string' && v.startsWith('./deploy/grafana/dashboards:')) as string;
    expect(mount.split(':')[1]).toBe(provider.providers[0].options.path);
    expect(environmentOf(project.services.grafana).GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH).toBe(`${provider.providers[0].options.path}/mirrorbook.json`);
  });

  it('charts process memory (RSS) and CPU of every service', () => {
    expect(exprs.some((e) => e.includes('process_resident_memory_bytes'))).toBe(true);
    expect(exprs.some((e) => /rate\(process_cpu_seconds_total\[/.test(e))).toBe(true);
  });

  it('charts only mirrorbook_* metrics that the code registers, and the key ones', () => {
    const code = [...sourceFiles(join(REPO_ROOT, 'apps')), ...sourceFiles(join(REPO_ROOT, 'libs'))].map((f) => readFileSync(f, 'utf8')).join('\n');
    const registered = new Set([...code.matchAll(/['"](mirrorbook_[a-z0-9_]+)['"]/g)].map((m) => m[1]));
    const charted = new Set(exprs.flatMap((e) => [...e.matchAll(/\b(mirrorbook_[a-z0-9_]+?)(_bucket|_sum|_count)?\b/g)].map((m) => m[1])));
    for (const metric of charted) expect({ metric, registered: registered.has(metric) }).toEqual({ metric, registered: true });
    expect([...charted]).toEqual(
      expect.arrayContaining([
        'mirrorbook_executor_txs_broadcast_total',
        'mirrorbook_executor_txs_included_total',
        'mirrorbook_executor_sequence_mismatches_total',
        'mirrorbook_executor_intent_to_broadcast_ms',
        'mirrorbook_executor_lease_held',
        'mirrorbook_feed_update_age_seconds',
        'mirrorbook_messages_published_total',
      ]),
    );
  });

  it('gives every panel a query and a unique id', () => {
    const ids = dashboard.panels.map((p) => (p as unknown as { id: number }).id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of panels) expect({ panel: panel.title, queries: (panel.targets ?? []).length > 0 }).toEqual({ panel: panel.title, queries: true });
  });
});

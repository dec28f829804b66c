import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envSchema } from '@mirrorbook/config';
import { ensureCompiled, freePort, REPO_ROOT, startTestServers, type ManagedProcess, type TestServers } from '@mirrorbook/testing';
import { configuredWallets, loadComposeProject, megabytes, type ComposeService } from './support/compose.model';
import { containerEnvironment, httpGet, peakRssMiB, runHealthcheck, startContainerCommand, waitForHealth } from './support/container.emulation';
import { environment, healthcheckCommand, loadDockerfile, startCommand } from './support/dockerfile.model';

/**
 * Each image's start command, exactly as the Dockerfile and docker-compose.yml give it, run here
 * against real NATS and Redis: the demo keys and the sim genesis come from the compose flow's own
 * demo-init, the executor reads its key from the secret file, NODE_OPTIONS (the heap cap) is the
 * service's. No Docker engine is needed; what this cannot see (the image build, file ownership in
 * the image, DNS between containers) is listed in deploy/README.md.
 */
const dockerfile = loadDockerfile();
const project = loadComposeProject();
const wallet = configuredWallets()[0].id;
/** every target with a health check is a long-running service */
const TARGETS = dockerfile.stages.map((s) => s.name).filter((name) => startCommand(dockerfile, name).some((arg) => /^dist\/apps\/[^/]+\/src\/main\.js$/.test(arg)) && healthcheckCommand(dockerfile, name));
const serviceFor = (target: string): [string, ComposeService] => {
  const name = target === 'executor' ? `executor-${wallet}` : target;
  return [name, project.services[name]];
};

interface Running {
  target: string;
  service: string;
  proc: ManagedProcess;
  port: number;
  env: NodeJS.ProcessEnv;
}

describe('each image start command, run here as its container would run it', () => {
  let servers: TestServers;
  let dir: string;
  const running = new Map<string, Running>();

  async function start(target: string, simPort: number): Promise<Running> {
    const [service, definition] = serviceFor(target);
    const port = target === 'injective-sim' ? simPort : await freePort();
    const env = containerEnvironment(
      environment(dockerfile, target),
      definition,
      { '/run/secrets/': join(dir, 'secrets'), '/sim/': join(dir, 'sim') },
      { ...servers.env, SIM_LCD_URL: `http://127.0.0.1:${simPort}`, HTTP_HOST: '127.0.0.1', HTTP_PORT: String(port), LOG_LEVEL: 'warn' },
    );
    const proc = startContainerCommand(service, definition.command ? [definition.command].flat() : startCommand(dockerfile, target), env);
    const entry = { target, service, proc, port, env };
    running.set(target, entry);
    await waitForHealth(proc, port);
    return entry;
  }

  beforeAll(async () => {
    expect(TARGETS.sort()).toEqual(['executor', 'gateway', 'injective-sim', 'price-feed', 'strategy']);
    dir = mkdtempSync(join(tmpdir(), 'mb-deploy-'));
    // the images run dist/ (the Dockerfile's build stage); here, the repository's, built when stale
    ensureCompiled();
    // the sim profile's demo-init, as compose runs it (keys in ./secrets, genesis on the sim volume)
    execFileSync(process.execPath, ['deploy/docker/demo-init.mjs'], {
      cwd: REPO_ROOT,
      env: { ...process.env, CONFIG_DIR: 'config', SECRETS_DIR: join(dir, 'secrets'), GENESIS_FILE: join(dir, 'sim', 'sim-genesis.json'), APP_UID: String(process.getuid?.() ?? 1000) },
    });
    servers = await startTestServers();
    // compose order: the sim first (everything waits for it to be healthy), then the rest at once
    const simPort = await freePort();
    await start('injective-sim', simPort);
    await Promise.all(TARGETS.filter((t) => t !== 'injective-sim').map((t) => start(t, simPort)));
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...running.values()].map(({ proc }) => proc.stop('SIGKILL')));
    await servers?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(['executor', 'gateway', 'injective-sim', 'price-feed', 'strategy'])('%s answers /health 200', async (target) => {
    const { port } = running.get(target)!;
    expect((await httpGet(port, '/health')).status).toBe(200);
  });

  it.each(['executor', 'gateway', 'injective-sim', 'price-feed', 'strategy'])("%s passes the image's HEALTHCHECK command, which fails when nothing answers", async (target) => {
    const { env, port } = running.get(target)!;
    const command = healthcheckCommand(dockerfile, target)!;
    expect(runHealthcheck(command, { ...env, HTTP_PORT: String(port) })).toBe(0);
    expect(runHealthcheck(command, { ...env, HTTP_PORT: String(await freePort()) })).toBe(1);
  });

  it.each(['executor', 'gateway', 'injective-sim', 'price-feed', 'strategy'])('%s serves Prometheus metrics with process memory and CPU', async (target) => {
    const { port } = running.get(target)!;
    const { body: text } = await httpGet(port, '/metrics');
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
  });

  it('runs the executor with the key from its secret file and never logs it', () => {
    const { env, proc } = running.get('executor')!;
    expect(env[`WALLET_${wallet.toUpperCase()}_PRIVATE_KEY_FILE`]).toBe(join(dir, 'secrets', `wallet_${wallet}`));
    expect(env[`WALLET_${wallet.toUpperCase()}_PRIVATE_KEY`]).toBeUndefined();
    expect(proc.logs()).not.toMatch(/[0-9a-f]{64}/i);
  });

  it.each(['executor', 'gateway', 'injective-sim', 'price-feed', 'strategy'])('%s stays within its mem_limit so far (peak RSS, idle)', (target) => {
    const { proc, service } = running.get(target)!;
    const limit = megabytes(project.services[service].mem_limit!);
    const peak = peakRssMiB(proc.pid);
    process.stdout.write(`${target}: peak RSS ${peak.toFixed(0)} MiB of mem_limit ${limit} MiB\n`);
    expect(peak).toBeLessThan(limit * 0.9);
  });

  it("stops each app on SIGTERM with exit code 0 within the service's stop_grace_period", async () => {
    // Each app bounds its own shutdown: past SHUTDOWN_TIMEOUT_MS (of its container environment) it
    // logs "shutdown took longer than …" and exits 1. So exit 0 is the app's own record of a shutdown
    // that finished within that budget, and the budget must leave room inside the grace period
    // docker waits before its SIGKILL. (The harness's SIGKILL after 30 s only ends a hung run.)
    const results = await Promise.all(
      [...running.values()].map(async ({ target, service, proc, env }) => {
        const graceMs = 1000 * Number(String(project.services[service].stop_grace_period ?? '10s').replace(/s$/, ''));
        const budgetMs = envSchema.shape.SHUTDOWN_TIMEOUT_MS.parse(env.SHUTDOWN_TIMEOUT_MS);
        const { code, signal } = await proc.stop('SIGTERM', 30_000);
        return { target, code, signal, budgetWithinGrace: budgetMs <= graceMs, overran: proc.logs().includes('shutdown took longer than') };
      }),
    );
    expect(results.sort((a, b) => a.target.localeCompare(b.target))).toEqual(
      [...running.keys()].sort().map((target) => ({ target, code: 0, signal: null, budgetWithinGrace: true, overran: false })),
    );
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { connect, RetentionPolicy, StorageType } from 'nats';
import { parse } from 'yaml';
import { freePort, ManagedProcess, REPO_ROOT, requireBinary } from '@mirrorbook/testing';

/** deploy/scale/: the multi-host configurations, checked without an engine. */
const SCALE_COMPOSE_FILES = ['deploy/scale/compose.app-host.yml', 'deploy/scale/nats/compose.nats-node.yml', 'deploy/scale/redis/compose.redis-node.yml'];

describe('deploy/scale compose files', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'compose-spec.json'), 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  it.each(SCALE_COMPOSE_FILES)('%s validates against the Compose specification schema', (file) => {
    const valid = validate(parse(readFileSync(join(REPO_ROOT, file), 'utf8'), { merge: true, uniqueKeys: true }));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('gives executors on any host the key as a secret file and NATS/Redis from .env', () => {
    const host = parse(readFileSync(join(REPO_ROOT, 'deploy/scale/compose.app-host.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, { environment: string[] | Record<string, string>; secrets?: string[]; env_file: string[] }>;
    };
    expect(host.services.executor.environment).toEqual(expect.arrayContaining([expect.stringMatching(/^WALLET_\$\{WALLET_ID_UPPER[^}]*\}_PRIVATE_KEY_FILE=\/run\/secrets\/wallet$/)]));
    expect(host.services.executor.secrets).toEqual(['wallet']);
    for (const service of Object.values(host.services)) expect(service.env_file).toEqual(['.env']);
  });
});

describe('deploy/scale/nats/nats-cluster.conf: three nodes with JetStream replicas 3', () => {
  const nodes: ManagedProcess[] = [];
  let dir: string;
  let clientPorts: number[];
  const credentials = { user: 'mirrorbook', pass: 'clusterTestPassword0' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mb-nats-cluster-'));
    const binary = requireBinary('nats-server', 'nats-server');
    // nine distinct ports (client, route, monitoring per node)
    const ports = new Set<number>();
    while (ports.size < 9) ports.add(await freePort());
    const [c1, c2, c3, r1, r2, r3, ...monitorPorts] = [...ports];
    clientPorts = [c1, c2, c3];
    const routePorts = [r1, r2, r3];
    const routes = Object.fromEntries(routePorts.map((port, i) => [`NATS_ROUTE_${i + 1}`, `nats-route://route:routeTestPassword0@127.0.0.1:${port}`]));
    for (let i = 0; i < 3; i++) {
      const env = {
        ...process.env,
        ...routes,
        NATS_SERVER_NAME: `nats-${i + 1}`,
        NATS_USER: credentials.user,
        NATS_PASSWORD: credentials.pass,
        NATS_CLUSTER_USER: 'route',
        NATS_CLUSTER_PASSWORD: 'routeTestPassword0',
      };
      // the file's ports moved to free ones on loopback; everything else as written
      const args = ['--config', join(REPO_ROOT, 'deploy/scale/nats/nats-cluster.conf'), '--store_dir', join(dir, String(i)), '-a', '127.0.0.1', '-p', String(clientPorts[i]), '-m', String(monitorPorts[i]), '--cluster', `nats://127.0.0.1:${routePorts[i]}`];
      nodes.push(new ManagedProcess(`nats-${i + 1}`, binary, args, { env }));
    }
    await Promise.all(nodes.map((n) => n.waitForOutput(/Server is ready/, 45_000)));
  }, 90_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop('SIGTERM', 5000)));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('forms a cluster that holds a stream on three servers, and an app-style update keeps the replicas', async () => {
    const nc = await connect({ servers: clientPorts.map((p) => `127.0.0.1:${p}`), ...credentials });
    try {
      const deadline = Date.now() + 30_000;
      let info;
      let jsm;
      // JetStream needs a meta leader first: retry until the cluster has elected one
      while (!info || !jsm) {
        try {
          jsm = await nc.jetstreamManager();
          info = await jsm.streams.add({ name: 'MD', subjects: ['md.price.>'], retention: RetentionPolicy.Limits, storage: StorageType.File, num_replicas: 3 });
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      expect(info.config.num_replicas).toBe(3);
      expect(1 + (info.cluster?.replicas?.length ?? 0)).toBe(3);
      // what libs/messaging does at every start: update subjects and max_age over the existing config
      const updated = await jsm.streams.update('MD', { ...info.config, subjects: ['md.price.>'], max_age: 86_400 * 1_000_000_000 });
      expect(updated.config.num_replicas).toBe(3);
    } finally {
      await nc.close();
    }
  });

  it('refuses clients without the password on every node', async () => {
    for (const port of clientPorts) await expect(connect({ servers: `127.0.0.1:${port}`, reconnect: false })).rejects.toThrow(/authorization/i);
  });
});

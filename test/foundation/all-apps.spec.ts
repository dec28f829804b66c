import { connect, type NatsConnection } from 'nats';
import { heartbeatSchema, type AppName } from '@mirrorbook/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppProcess, startTestServers, writeWalletKeyFile, type ManagedProcess, type TestServers } from '@mirrorbook/testing';
import { shutdownRecord } from '../support/shutdown.record';

const APPS: { app: AppName; args?: string[] }[] = [
  { app: 'injective-sim' },
  { app: 'price-feed' },
  { app: 'strategy' },
  { app: 'executor' },
  { app: 'gateway' },
  { app: 'cli', args: ['monitor'] },
];
/** how long six apps may take to boot side by side on a busy 2-core machine */
const STARTUP_DEADLINE_MS = 120_000;
/** each app's own shutdown deadline: runService exits 1 when it passes */
const SHUTDOWN_TIMEOUT_MS = 10_000;
const DEMO_KEY = '4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d';

describe('every app as a child process against real NATS and Redis', () => {
  let servers: TestServers;
  let nc: NatsConnection;
  const procs = new Map<AppName, ManagedProcess>();
  const heartbeats = new Map<string, unknown>();
  const secrets = mkdtempSync(join(tmpdir(), 'mb-all-apps-'));

  beforeAll(async () => {
    servers = await startTestServers();
    nc = await connect({ servers: servers.nats.url });
    const sub = nc.subscribe('svc.heartbeat.>');
    void (async () => {
      for await (const msg of sub) heartbeats.set(msg.subject.split('.')[2], JSON.parse(new TextDecoder().decode(msg.data)));
    })();
    const env = {
      ...servers.env,
      HTTP_PORT: '0',
      HEARTBEAT_INTERVAL_MS: '500',
      WALLET_ID: 'w1',
      ...writeWalletKeyFile(secrets, 'w1', DEMO_KEY),
      GATEWAY_TOKEN: 'test-token-0123456789',
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    };
    for (const { app, args } of APPS) procs.set(app, startAppProcess(app, env, args));
  });

  afterAll(async () => {
    await Promise.all([...procs.values()].map((p) => p.stop('SIGKILL')));
    await nc?.close();
    await servers?.stop();
    rmSync(secrets, { recursive: true, force: true });
  });

  it('hears a valid heartbeat from all six apps and each answers /health ok', async () => {
    // a deadline, not a claim: six apps compile and boot at once, on a machine that may be busy;
    // an app that exits ends the wait at once
    const deadline = Date.now() + STARTUP_DEADLINE_MS;
    const exited = () => [...procs.values()].some((p) => !p.running);
    while (heartbeats.size < APPS.length && !exited() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect([...procs].filter(([, p]) => !p.running).map(([app]) => app)).toEqual([]);
    expect([...heartbeats.keys()].sort()).toEqual(APPS.map((a) => a.app).sort());
    for (const beat of heartbeats.values()) expect(heartbeatSchema.safeParse(beat).success).toBe(true);
    for (const [app, proc] of procs) {
      const [, port] = await proc.waitForOutput(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      expect({ app, status: response.status }).toEqual({ app, status: 200 });
    }
  }, STARTUP_DEADLINE_MS + 30_000);

  it(`stops each app on SIGTERM with exit code 0 within its own ${SHUTDOWN_TIMEOUT_MS / 1000} s shutdown deadline`, async () => {
    // The test's grace is longer than the apps' deadline, so each app's own watchdog decides (it
    // exits 1 when its deadline passes) and its log says how long it took by its own clock; six
    // apps stopping at once on a busy machine are not timed by the test's stopwatch.
    const results = await Promise.all(
      [...procs].map(async ([app, proc]) => {
        const { code } = await proc.stop('SIGTERM', SHUTDOWN_TIMEOUT_MS + 5000);
        const { stopped, overran, tookMs } = shutdownRecord(proc.logs());
        return { app, code, stopped, overran, withinDeadline: tookMs !== undefined && tookMs < SHUTDOWN_TIMEOUT_MS };
      }),
    );
    expect(results).toEqual(APPS.map(({ app }) => ({ app, code: 0, stopped: true, overran: false, withinDeadline: true })));
  });
});

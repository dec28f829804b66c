import { connect, type NatsConnection } from 'nats';
import { heartbeatSchema, type AppName } from '@mirrorbook/contracts';
import { startAppProcess, startTestServers, type ManagedProcess, type TestServers } from '@mirrorbook/testing';

const APPS: { app: AppName; args?: string[] }[] = [
  { app: 'injective-sim' },
  { app: 'price-feed' },
  { app: 'strategy' },
  { app: 'executor' },
  { app: 'gateway' },
  { app: 'cli', args: ['monitor'] },
];
const DEMO_KEY = '4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d';

describe('every app as a child process against real NATS and Redis', () => {
  let servers: TestServers;
  let nc: NatsConnection;
  const procs = new Map<AppName, ManagedProcess>();
  const heartbeats = new Map<string, unknown>();

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
      WALLET_W1_PRIVATE_KEY: DEMO_KEY,
      GATEWAY_TOKEN: 'test-token-0123456789',
    };
    for (const { app, args } of APPS) procs.set(app, startAppProcess(app, env, args));
  });

  afterAll(async () => {
    await Promise.all([...procs.values()].map((p) => p.stop('SIGKILL')));
    await nc?.close();
    await servers?.stop();
  });

  it('hears a valid heartbeat from all six apps and each answers /health ok', async () => {
    const deadline = Date.now() + 45_000;
    while (heartbeats.size < APPS.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect([...heartbeats.keys()].sort()).toEqual(APPS.map((a) => a.app).sort());
    for (const beat of heartbeats.values()) expect(heartbeatSchema.safeParse(beat).success).toBe(true);
    for (const [app, proc] of procs) {
      const [, port] = await proc.waitForOutput(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      expect({ app, status: response.status }).toEqual({ app, status: 200 });
    }
  });

  it('stops each app on SIGTERM with exit code 0 within 10 s', async () => {
    const results = await Promise.all(
      [...procs].map(async ([app, proc]) => {
        const t0 = Date.now();
        const { code } = await proc.stop('SIGTERM', 15_000);
        return { app, code, withinTenSeconds: Date.now() - t0 < 10_000 };
      }),
    );
    expect(results).toEqual(APPS.map(({ app }) => ({ app, code: 0, withinTenSeconds: true })));
  });
});

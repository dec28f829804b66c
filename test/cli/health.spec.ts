import { Redis } from 'ioredis';
import { connect, type NatsConnection } from 'nats';
import { redisKeys, subjects, type FeedStatus, type Heartbeat } from '@mirrorbook/contracts';
import { freePort, ManagedProcess, requireBinary, startTestServers, storedFees, type TestServers } from '@mirrorbook/testing';
import { PAIRS, parseJson, runCli, startSimProcess, writeTestConfig, type SimProcess } from './cli.harness';
import { healthOutput } from './cli-output.schemas';

const MARKETS = Object.values(PAIRS).map((p) => p.key);
/** The sim's heartbeat interval, and how often the test publishes the other services' beats. */
const SIM_BEAT_MS = 300;
const PUBLISH_MS = 100;
/**
 * The CLI's HEARTBEAT_INTERVAL_MS: it listens 1.5 of them (less once every expected service was
 * heard), i.e. 10 of the sim's beats and 30 of the publisher's. A run that must hear a beat does
 * not hang on one arriving within a few hundred ms on a loaded machine.
 */
const CLI_BEAT_MS = (10 * SIM_BEAT_MS) / 1.5;

function heartbeat(app: Heartbeat['app'], instance: string, wallet?: string): Heartbeat {
  return {
    v: 1,
    app,
    instance,
    version: '0.1.0',
    state: 'running',
    uptimeS: 42,
    rssBytes: 50_000_000,
    ...(wallet ? { wallet: { id: wallet, address: 'inj1…', subaccountId: '0x…' } } : {}),
    ts: Date.now(),
  };
}

function freshStatus(market: string): FeedStatus {
  return {
    v: 1,
    market,
    state: 'fresh',
    reference: { state: 'fresh', ageMs: 200 },
    book: { state: 'fresh', ageMs: 300 },
    throttled: false,
    pollIntervalMs: 700,
    ts: Date.now(),
    seq: 7,
  };
}

describe('mirrorbook health', () => {
  let servers: TestServers;
  let config: ReturnType<typeof writeTestConfig>;
  let sim: SimProcess;
  let nc: NatsConnection;
  let redis: Redis;
  let env: Record<string, string>;

  beforeAll(async () => {
    servers = await startTestServers();
    config = writeTestConfig();
    sim = await startSimProcess({ ...servers.env, HEARTBEAT_INTERVAL_MS: String(SIM_BEAT_MS) }, config.dir);
    nc = await connect({ servers: servers.nats.url });
    redis = new Redis(servers.redis.url);
    env = { ...servers.env, CONFIG_DIR: config.dir, SIM_LCD_URL: sim.url, NETWORK: 'sim', HEARTBEAT_INTERVAL_MS: String(CLI_BEAT_MS) };
  }, 90_000);

  afterAll(async () => {
    redis?.disconnect();
    await nc?.close();
    await sim?.stop();
    await servers?.stop();
    config?.remove();
  });

  describe('when only the sim runs and no price feed ever wrote a status', () => {
    it('exits 1 and names every missing service and feed', async () => {
      const run = await runCli(['health', '--json'], env);
      expect(run.code).toBe(1);
      const out = parseJson(healthOutput, run);
      expect(out.healthy).toBe(false);
      const status = Object.fromEntries(out.checks.map((c) => [c.name, c.status]));
      expect(status).toMatchObject({
        nats: 'ok',
        redis: 'ok',
        'lcd sim': 'ok',
        'price-feed': 'down',
        strategy: 'down',
        gateway: 'down',
        'executor w1': 'down',
        'executor w2': 'down',
        'inj-usdt': 'down',
      });
      expect(out.instances.map((i) => i.app)).toContain('injective-sim');
    });
  });

  describe('when every service beats and every feed is fresh', () => {
    let timer: NodeJS.Timeout;
    /** statuses the publisher writes instead of a fresh one */
    const overrides = new Map<string, FeedStatus>();
    let publish: () => Promise<void>;

    beforeAll(async () => {
      const beats = [
        heartbeat('price-feed', 'pf-1'),
        heartbeat('strategy', 'st-1'),
        heartbeat('gateway', 'gw-1'),
        heartbeat('executor', 'ex-w1', 'w1'),
        heartbeat('executor', 'ex-w2', 'w2'),
      ];
      publish = async () => {
        for (const b of beats) nc.publish(subjects.heartbeat(b.app, b.instance).subject, JSON.stringify({ ...b, ts: Date.now() }));
        await redis.mset(...MARKETS.flatMap((m) => [redisKeys.latestStatus(m), JSON.stringify(overrides.get(m) ?? freshStatus(m))]));
      };
      await publish();
      timer = setInterval(() => void publish(), PUBLISH_MS);
    });

    afterAll(() => clearInterval(timer));

    it('exits 0 with every check ok', async () => {
      const run = await runCli(['health', '--json'], env);
      expect(run.code).toBe(0);
      const out = parseJson(healthOutput, run);
      expect(out.checks.filter((c) => c.status !== 'ok')).toEqual([]);
      expect(out.summary).toEqual({ ok: 13, warn: 0, down: 0 });
      expect(out.degraded).toBe(false);
      // no executor wrote fees:<wallet> yet: shown, never a failure
      expect(out.checks.filter((c) => c.kind === 'fees').map((c) => [c.name, c.detail])).toEqual([
        ['fees w1', 'no fee data yet'],
        ['fees w2', 'no fee data yet'],
      ]);
    });

    it('prints a table and the verdict for a human', async () => {
      const run = await runCli(['health'], env);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/OK\s+service\s+executor w1\s+running \(ex-w1, up 42s\)/);
      expect(run.stdout).toMatch(/OK\s+feed\s+inj-usdt\s+fresh: reference fresh 0s, book fresh 0s/);
      expect(run.stdout).toMatch(/healthy \(13 ok, 0 warn\)/);
    });

    describe("and a wallet's fee budget is paused or slow", () => {
      afterEach(async () => {
        await redis.del(redisKeys.fees('w1'), redisKeys.fees('w2'));
      });

      it('shows the paused wallet degraded (warn, exit 0) with the reason, the slow one ok with why', async () => {
        await redis.set(redisKeys.fees('w1'), JSON.stringify(storedFees({ todayInj: '5.02' }, { state: 'paused', reason: 'fees today 5.02 of 5 INJ, 100 %' })));
        await redis.set(redisKeys.fees('w2'), JSON.stringify(storedFees({ todayInj: '4.01' }, { state: 'slow', reason: 'fees today 4.01 of 5 INJ, 80 %' })));
        const run = await runCli(['health', '--json'], env);
        expect(run.code).toBe(0);
        const out = parseJson(healthOutput, run);
        expect(out).toMatchObject({ healthy: true, degraded: true, summary: { ok: 12, warn: 1, down: 0 } });
        const fees = Object.fromEntries(out.checks.filter((c) => c.kind === 'fees').map((c) => [c.name, c]));
        expect(fees['fees w1']?.status).toBe('warn');
        expect(fees['fees w1']?.detail).toContain('budget 5 INJ/day: paused (fees today 5.02 of 5 INJ, 100 %)');
        expect(fees['fees w2']?.status).toBe('ok');
        expect(fees['fees w2']?.detail).toContain('budget 5 INJ/day: slow (fees today 4.01 of 5 INJ, 80 %)');
        const text = await runCli(['health'], env);
        expect(text.code).toBe(0);
        expect(text.stdout).toMatch(/WARN\s+fees\s+fees w1\s+spent 5\.02 INJ today \(38 txs\) .* budget 5 INJ\/day: paused \(fees today 5\.02 of 5 INJ, 100 %\)/);
        expect(text.stdout).toMatch(/healthy but degraded \(12 ok, 1 warn\)/);
      });

      it('warns on a malformed record (the budget is unknown) without failing', async () => {
        await redis.set(redisKeys.fees('w1'), '{"v":1,"todayInj":');
        const run = await runCli(['health', '--json'], env);
        expect(run.code).toBe(0);
        const check = parseJson(healthOutput, run).checks.find((c) => c.name === 'fees w1');
        expect(check).toEqual({ kind: 'fees', name: 'fees w1', status: 'warn', detail: 'fee data unavailable (invalid record: not JSON)' });
      });
    });

    describe('and one feed goes down', () => {
      it('exits 1 for that market alone', async () => {
        overrides.set('atom-usdt', { ...freshStatus('atom-usdt'), state: 'down', book: { state: 'down', ageMs: 45_000, reason: 'LCD unreachable' } });
        await publish();
        const run = await runCli(['health', '--json'], env);
        expect(run.code).toBe(1);
        const out = parseJson(healthOutput, run);
        expect(out.checks.filter((c) => c.status === 'down').map((c) => [c.name, c.detail])).toEqual([
          ['atom-usdt', 'down: reference fresh 0s, book down 45s (LCD unreachable)'],
        ]);
      });
    });
  });

  describe('when NATS and Redis cannot be reached', () => {
    it('exits 1 with them down, not with a crash', async () => {
      const run = await runCli(['health', '--json'], { ...env, NATS_URL: 'nats://127.0.0.1:9', REDIS_URL: 'redis://127.0.0.1:9' });
      expect(run.code).toBe(1);
      const status = Object.fromEntries(parseJson(healthOutput, run).checks.map((c) => [c.name, c.status]));
      expect(status).toMatchObject({ nats: 'down', redis: 'down', 'lcd sim': 'ok', services: 'down', feeds: 'down' });
    });
  });

  describe('when NATS requires a user and password given in NATS_URL (as under compose)', () => {
    let secured: ManagedProcess;
    let port: number;

    beforeAll(async () => {
      port = await freePort();
      secured = new ManagedProcess('nats-auth', requireBinary('nats-server', 'nats-server'), ['-a', '127.0.0.1', '-p', String(port), '--user', 'mirrorbook', '--pass', 's3cret']);
      await secured.waitForOutput(/Server is ready/);
    }, 30_000);
    afterAll(async () => {
      await secured?.stop('SIGTERM', 5000);
    });

    it('logs in with them and reports NATS ok', async () => {
      const run = await runCli(['health', '--json'], { ...env, NATS_URL: `nats://mirrorbook:s3cret@127.0.0.1:${port}` });
      const status = Object.fromEntries(parseJson(healthOutput, run).checks.map((c) => [c.name, c.status]));
      expect(status.nats).toBe('ok');
      expect(run.stdout + run.stderr).not.toContain('s3cret');
    });
  });
});

import Redis from 'ioredis';
import { startRedisServer, type TestRedisServer } from '@mirrorbook/testing';
import { lcdHostBucketKey, RedisTokenBucket, type RequestLimiter } from './redis-token.bucket';

/** Most grants in any window of `windowMs` (grants sorted by time). */
function maxInWindow(stamps: readonly number[], windowMs: number): number {
  const sorted = [...stamps].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

const refusingFallback: RequestLimiter = { acquire: () => Promise.reject(new Error('fallback used')) };

describe('RedisTokenBucket (real redis-server)', () => {
  let server: TestRedisServer;
  let redis: Redis;

  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
    await redis.ping();
  });

  afterAll(async () => {
    await redis?.quit();
    await server?.stop();
  });

  it('two limiters sharing a host never grant more than the rate in any second of the bucket clock', async () => {
    // the bucket's clock moves 3 ms on every read and the limiters sleep nothing: whatever the
    // wall clock does, the only thing between grants is the script's arithmetic
    let clock = 1_000_000;
    const now = () => (clock += 3);
    const grants: number[] = [];
    const key = lcdHostBucketKey('https://testnet.sentry.lcd.injective.network');
    expect(key).toBe('ratelimit:lcd:testnet.sentry.lcd.injective.network');
    const make = () =>
      new RedisTokenBucket({ redis, key, ratePerSecond: 18, fallback: refusingFallback, now, sleep: () => new Promise((r) => setImmediate(r)), onGrant: (at) => grants.push(at) });
    const [a, b] = [make(), make()];
    const worker = async (bucket: RedisTokenBucket) => {
      for (let i = 0; i < 45; i++) await bucket.acquire();
    };
    await Promise.all([worker(a), worker(a), worker(b), worker(b)]);
    expect(grants).toHaveLength(180);
    expect(maxInWindow(grants, 1000)).toBeLessThanOrEqual(18);
    // and the budget is used: 180 grants at 18/s span about 10 s of the bucket's clock (each
    // take reads the clock, so a grant lands up to a few 3-ms steps after its token is due)
    const span = Math.max(...grants) - Math.min(...grants);
    expect(span).toBeGreaterThanOrEqual(179 * (1000 / 18) - 1);
    expect(span).toBeLessThan(180 * (1000 / 18) * 1.1);
  });

  it('keeps one bucket per host', async () => {
    let clock = 5_000;
    const now = () => clock;
    const grants: string[] = [];
    const bucket = (url: string) =>
      new RedisTokenBucket({ redis, key: lcdHostBucketKey(url), ratePerSecond: 1, fallback: refusingFallback, now, onGrant: () => grants.push(url) });
    await bucket('http://a.example:1317').acquire();
    await bucket('http://b.example:1317').acquire();
    expect(grants).toEqual(['http://a.example:1317', 'http://b.example:1317']);
    clock += 1;
    const ctl = new AbortController();
    const third = bucket('http://a.example:1317').acquire(ctl.signal);
    setTimeout(() => ctl.abort(new Error('stop')), 20);
    await expect(third).rejects.toThrow('stop');
  });

  it('uses the fallback limiter, with one warning, while Redis is unavailable', async () => {
    const offline = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    const warnings: string[] = [];
    let fallbackGrants = 0;
    const bucket = new RedisTokenBucket({
      redis: offline,
      key: 'test:offline:lcd:x',
      ratePerSecond: 10,
      fallback: { acquire: async () => void fallbackGrants++ },
      warn: (m) => warnings.push(m),
      readyWaitMs: 50,
    });
    await bucket.acquire();
    await bucket.acquire();
    expect(fallbackGrants).toBe(2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/falls back to its own limiter/);
    offline.disconnect();
  });

  it("waits for a connection that is still coming up instead of falling back (a process's first requests)", async () => {
    const connecting = new Redis(server.url, { maxRetriesPerRequest: 1 });
    expect(connecting.status).not.toBe('ready');
    const grants: number[] = [];
    const bucket = new RedisTokenBucket({
      redis: connecting,
      key: 'test:connecting:lcd:x',
      ratePerSecond: 10,
      fallback: refusingFallback,
      now: () => 1000,
      onGrant: (at) => grants.push(at),
    });
    await bucket.acquire();
    expect(grants).toEqual([1000]);
    await connecting.quit();
  });
});

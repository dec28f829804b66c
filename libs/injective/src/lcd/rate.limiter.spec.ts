import { RateLimiter } from './rate.limiter';
import { RateLimiterRegistry } from './rate-limiter.registry';

/** The most grants that fall into any half-open window of `windowMs`. */
function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('RateLimiter', () => {
  // the limiter runs on jest's fake clock: grants are checked on the times it issued them
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A limiter on the fake clock that records the time of every grant it issues. */
  function stampedLimiter(options: { ratePerSecond: number; burst?: number }) {
    const grants: number[] = [];
    const started = jest.now();
    const limiter = new RateLimiter({ ...options, now: () => jest.now(), onGrant: (at) => grants.push(at - started) });
    return { limiter, grants };
  }

  describe('when 3 seconds worth of requests arrive at once', () => {
    it('never grants more than the rate in any 1-second window, and keeps up the rate', async () => {
      const { limiter, grants } = stampedLimiter({ ratePerSecond: 20 });
      const all = Promise.all(Array.from({ length: 60 }, () => limiter.acquire()));
      await jest.advanceTimersByTimeAsync(5000);
      await all;
      expect(grants).toHaveLength(60);
      expect(maxInWindow(grants, 1000)).toBeLessThanOrEqual(20);
      // 20/s is one grant per 50 ms: the 60th at 59 × 50 ms, plus at most the 1 ms timer floor per wait
      expect(grants[59]).toBeGreaterThanOrEqual(59 * 50);
      expect(grants[59]).toBeLessThanOrEqual(59 * 51);
    });

    it('grants in arrival order', async () => {
      const limiter = new RateLimiter({ ratePerSecond: 100, now: () => jest.now() });
      const order: number[] = [];
      const all = Promise.all(Array.from({ length: 10 }, (_, i) => limiter.acquire().then(() => order.push(i))));
      await jest.advanceTimersByTimeAsync(200);
      await all;
      expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });
  });

  describe('when a burst is allowed', () => {
    it('lets that many start at once, then paces the rest', async () => {
      const { limiter, grants } = stampedLimiter({ ratePerSecond: 10, burst: 5 });
      const all = Promise.all(Array.from({ length: 7 }, () => limiter.acquire()));
      await jest.advanceTimersByTimeAsync(1000);
      await all;
      expect(grants.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
      // then one per 100 ms
      expect(grants[5]).toBeGreaterThanOrEqual(100);
      expect(grants[6]! - grants[5]!).toBeGreaterThanOrEqual(100);
      expect(grants[6]).toBeLessThanOrEqual(202);
    });
  });

  describe('when a waiting request is aborted', () => {
    it('rejects it with the abort reason and serves the next one', async () => {
      const limiter = new RateLimiter({ ratePerSecond: 5, now: () => jest.now() });
      await limiter.acquire();
      const controller = new AbortController();
      const aborted = limiter.acquire(controller.signal);
      const next = limiter.acquire();
      controller.abort(new Error('shutting down'));
      await expect(aborted).rejects.toThrow('shutting down');
      await jest.advanceTimersByTimeAsync(200);
      await expect(next).resolves.toBeUndefined();
      expect(limiter.pending).toBe(0);
    });

    it('rejects at once when the signal is already aborted', async () => {
      await expect(new RateLimiter({ ratePerSecond: 5 }).acquire(AbortSignal.abort(new Error('gone')))).rejects.toThrow(
        'gone',
      );
    });
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new RateLimiter({ ratePerSecond: 0 })).toThrow(RangeError);
    expect(() => new RateLimiter({ ratePerSecond: 5, burst: 0 })).toThrow(RangeError);
  });
});

describe('RateLimiterRegistry', () => {
  it('hands every client of one host the same limiter', () => {
    const registry = new RateLimiterRegistry();
    const a = registry.forUrl('https://testnet.sentry.lcd.injective.network/cosmos', 20);
    const b = registry.forUrl('https://TESTNET.sentry.lcd.injective.network', 50);
    expect(a).toBe(b);
    expect(a.ratePerSecond).toBe(20);
  });

  it('keeps hosts and ports apart', () => {
    const registry = new RateLimiterRegistry();
    expect(registry.forUrl('http://127.0.0.1:7700', 20)).not.toBe(registry.forUrl('http://127.0.0.1:7701', 20));
  });
});

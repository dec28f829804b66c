import { performance } from 'node:perf_hooks';
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
  describe('when 3 seconds worth of requests arrive at once', () => {
    it('never grants more than the rate in any 1-second window, and keeps up the rate', async () => {
      const limiter = new RateLimiter({ ratePerSecond: 20 });
      const started = performance.now();
      const grants = await Promise.all(
        Array.from({ length: 60 }, () => limiter.acquire().then(() => performance.now())),
      );
      // 1 ms less than a second: the stamps are taken a microtask after each grant
      expect(maxInWindow(grants, 999)).toBeLessThanOrEqual(20);
      // 60 grants at 20/s: the last one ≈ 2.95 s after the first, not much later
      expect(Math.max(...grants) - started).toBeLessThan(3500);
    });

    it('grants in arrival order', async () => {
      const limiter = new RateLimiter({ ratePerSecond: 100 });
      const order: number[] = [];
      await Promise.all(Array.from({ length: 10 }, (_, i) => limiter.acquire().then(() => order.push(i))));
      expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });
  });

  describe('when a burst is allowed', () => {
    it('lets that many start at once, then paces the rest', async () => {
      const limiter = new RateLimiter({ ratePerSecond: 10, burst: 5 });
      const started = performance.now();
      const grants = await Promise.all(Array.from({ length: 7 }, () => limiter.acquire().then(() => performance.now())));
      expect(grants.filter((t) => t - started < 50)).toHaveLength(5);
      expect(grants[6]! - started).toBeGreaterThanOrEqual(190);
    });
  });

  describe('when a waiting request is aborted', () => {
    it('rejects it with the abort reason and serves the next one', async () => {
      const limiter = new RateLimiter({ ratePerSecond: 5 });
      await limiter.acquire();
      const controller = new AbortController();
      const aborted = limiter.acquire(controller.signal);
      const next = limiter.acquire();
      controller.abort(new Error('shutting down'));
      await expect(aborted).rejects.toThrow('shutting down');
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

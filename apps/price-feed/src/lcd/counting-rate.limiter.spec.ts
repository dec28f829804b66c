import { FeedStoppingError } from './feed-stopping.error';
import { CountingRateLimiter } from './counting-rate.limiter';

describe('CountingRateLimiter', () => {
  it('counts every grant', async () => {
    let grants = 0;
    const limiter = new CountingRateLimiter({ ratePerSecond: 1000 }, () => grants++);
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    expect(grants).toBe(3);
    expect(limiter.granted).toBe(3);
  });

  describe('on a fake clock', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('spaces grants at its rate (20/s: one per 50 ms), counting each as it is issued', async () => {
      const stamps: number[] = [];
      const started = jest.now();
      const limiter = new CountingRateLimiter({ ratePerSecond: 20, now: () => jest.now(), onGrant: (at) => stamps.push(at - started) }, () => undefined);
      const all = Promise.all(Array.from({ length: 5 }, () => limiter.acquire()));
      expect(limiter.granted).toBe(1);
      await jest.advanceTimersByTimeAsync(99);
      expect(limiter.granted).toBe(2);
      await jest.advanceTimersByTimeAsync(500);
      await all;
      expect(limiter.granted).toBe(5);
      for (let i = 1; i < stamps.length; i++) expect(stamps[i]! - stamps[i - 1]!).toBeGreaterThanOrEqual(50);
    });
  });

  describe('when closed', () => {
    it('rejects the waiters that have no token yet and every later request', async () => {
      let grants = 0;
      const limiter = new CountingRateLimiter({ ratePerSecond: 1 }, () => grants++);
      await limiter.acquire();
      const waiting = limiter.acquire();
      limiter.close();
      await expect(waiting).rejects.toBeInstanceOf(FeedStoppingError);
      await expect(limiter.acquire()).rejects.toBeInstanceOf(FeedStoppingError);
      expect(grants).toBe(1);
    });
  });

  it("still honours the caller's own abort signal", async () => {
    const limiter = new CountingRateLimiter({ ratePerSecond: 1 }, () => undefined);
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('caller gave up'));
    await expect(waiting).rejects.toThrow('caller gave up');
  });
});

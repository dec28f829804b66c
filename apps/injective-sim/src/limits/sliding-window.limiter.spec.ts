import { clientIp, SlidingWindowLimiter } from './sliding-window.limiter';

describe('SlidingWindowLimiter', () => {
  it('admits perSecond requests of one IP in any 1000 ms and counts the refusals', () => {
    const limiter = new SlidingWindowLimiter(3);
    const admitted = [0, 10, 20, 30, 999, 1000, 1005, 1011, 1019].map((t) => limiter.admit('127.0.0.1', t));
    expect(admitted).toEqual([true, true, true, false, false, true, false, true, false]);
    expect(limiter.refused).toBe(4);
  });

  it('counts each IP on its own, and 0 means no limit', () => {
    const limiter = new SlidingWindowLimiter(1);
    expect(limiter.admit('10.0.0.1', 0)).toBe(true);
    expect(limiter.admit('10.0.0.2', 0)).toBe(true);
    expect(limiter.admit('10.0.0.1', 1)).toBe(false);
    const open = new SlidingWindowLimiter(0);
    expect(Array.from({ length: 100 }, () => open.admit('x', 0)).every(Boolean)).toBe(true);
  });

  it('treats an IPv4-mapped address as the IPv4 client', () => {
    expect(clientIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(clientIp('::1')).toBe('::1');
    expect(clientIp(undefined)).toBe('unknown');
  });
});

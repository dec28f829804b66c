import { clientIp, PerIpLimiter } from './per-ip.limiter';

describe('PerIpLimiter', () => {
  it('admits a burst, then perSecond a second, and counts the refusals', () => {
    const limiter = new PerIpLimiter(10, 3);
    // three at once, the fourth refused; one token every 100 ms after
    const admitted = [0, 0, 0, 0, 50, 100, 150, 199, 200].map((t) => limiter.admit('127.0.0.1', t));
    expect(admitted).toEqual([true, true, true, false, false, true, false, false, true]);
    expect(limiter.refused).toBe(4);
  });

  it('never admits more than perSecond × seconds + burst, however the requests come', () => {
    const limiter = new PerIpLimiter(20, 5);
    let admitted = 0;
    for (let t = 0; t < 10_000; t += 7) if (limiter.admit('x', t)) admitted += 1;
    expect(admitted).toBeLessThanOrEqual(20 * 10 + 5);
    expect(admitted).toBeGreaterThanOrEqual(20 * 10 - 1);
  });

  it('counts each IP on its own, and 0 means no limit', () => {
    const limiter = new PerIpLimiter(1, 1);
    expect(limiter.admit('10.0.0.1', 0)).toBe(true);
    expect(limiter.admit('10.0.0.2', 0)).toBe(true);
    expect(limiter.admit('10.0.0.1', 1)).toBe(false);
    const open = new PerIpLimiter(0, 1);
    expect(Array.from({ length: 100 }, () => open.admit('x', 0)).every(Boolean)).toBe(true);
  });

  it('treats an IPv4-mapped address as the IPv4 client', () => {
    expect(clientIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(clientIp('::1')).toBe('::1');
    expect(clientIp(undefined)).toBe('unknown');
  });
});

/**
 * Requests per client IP in the last second, as a public node counts them: a request is admitted
 * while fewer than `perSecond` admitted requests of its IP arrived in the 1000 ms before it.
 * Refused requests do not count (a client that backs off recovers within a second).
 */
export class SlidingWindowLimiter {
  private readonly arrivals = new Map<string, number[]>();
  private refusedCount = 0;

  /** `perSecond` 0 = no limit */
  constructor(readonly perSecond: number) {}

  /** Admits (and records) a request of `ip` arriving at `nowMs`, or refuses it. */
  admit(ip: string, nowMs: number): boolean {
    if (this.perSecond <= 0) return true;
    const times = this.arrivals.get(ip) ?? [];
    while (times.length > 0 && nowMs - times[0]! >= 1000) times.shift();
    if (times.length >= this.perSecond) {
      this.refusedCount += 1;
      this.arrivals.set(ip, times);
      return false;
    }
    times.push(nowMs);
    this.arrivals.set(ip, times);
    return true;
  }

  /** Requests refused so far, over every IP. */
  get refused(): number {
    return this.refusedCount;
  }
}

/** One client IP however it was reached: `::ffff:127.0.0.1` and `127.0.0.1` are the same client. */
export function clientIp(remoteAddress: string | undefined): string {
  if (!remoteAddress) return 'unknown';
  return remoteAddress.startsWith('::ffff:') ? remoteAddress.slice('::ffff:'.length) : remoteAddress;
}

/**
 * A public node's request limit per client IP: a token bucket per IP refilled at `perSecond`
 * tokens a second, holding at most `burst` — so at most `perSecond` requests a second sustained,
 * and `burst` back to back after a quiet spell. (The burst also absorbs the sim's own stalls: a
 * request is stamped when the event loop gets to it, so a block that takes 100 ms to produce
 * would otherwise make on-time requests look bunched.) Refused requests take no token.
 */
export class PerIpLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private refusedCount = 0;

  /** `perSecond` 0 = no limit */
  constructor(
    readonly perSecond: number,
    readonly burst: number,
  ) {}

  /** Admits (and takes a token for) a request of `ip` arriving at `nowMs`, or refuses it. */
  admit(ip: string, nowMs: number): boolean {
    if (this.perSecond <= 0) return true;
    const bucket = this.buckets.get(ip) ?? { tokens: this.burst, at: nowMs };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (Math.max(0, nowMs - bucket.at) / 1000) * this.perSecond);
    bucket.at = Math.max(bucket.at, nowMs);
    this.buckets.set(ip, bucket);
    if (bucket.tokens < 1) {
      this.refusedCount += 1;
      return false;
    }
    bucket.tokens -= 1;
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

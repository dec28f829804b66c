import { RateLimiter } from './rate.limiter';

/**
 * One `RateLimiter` per host (`host:port`), so every client in the process that talks to a host
 * shares its budget. The first caller for a host fixes its rate.
 */
export class RateLimiterRegistry {
  private readonly byHost = new Map<string, RateLimiter>();

  /** The limiter of `url`'s host, created with `ratePerSecond` if it has none yet. */
  forUrl(url: string, ratePerSecond: number): RateLimiter {
    const host = new URL(url).host.toLowerCase();
    let limiter = this.byHost.get(host);
    if (!limiter) {
      limiter = new RateLimiter({ ratePerSecond });
      this.byHost.set(host, limiter);
    }
    return limiter;
  }
}

/** The process-wide registry every `LcdClient` uses unless given its own limiter. */
export const rateLimiters = new RateLimiterRegistry();

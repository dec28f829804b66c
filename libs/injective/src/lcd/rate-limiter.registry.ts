import { RateLimiter, type RateLimiterOptions } from './rate.limiter';

/**
 * One `RateLimiter` per host (`host:port`), so every client in the process that talks to a host
 * shares its budget. The first caller for a host fixes its rate.
 */
export class RateLimiterRegistry {
  private readonly byHost = new Map<string, RateLimiter>();

  /** `options`: what every limiter this registry creates shares besides its rate (a clock, a grant hook) */
  constructor(private readonly options: Omit<RateLimiterOptions, 'ratePerSecond'> = {}) {}

  /** The limiter of `url`'s host, created with `ratePerSecond` if it has none yet. */
  forUrl(url: string, ratePerSecond: number): RateLimiter {
    const host = new URL(url).host.toLowerCase();
    let limiter = this.byHost.get(host);
    if (!limiter) {
      limiter = new RateLimiter({ ...this.options, ratePerSecond });
      this.byHost.set(host, limiter);
    }
    return limiter;
  }
}

/** The process-wide registry every `LcdClient` uses unless given its own limiter. */
export const rateLimiters = new RateLimiterRegistry();

import { LcdClient, type RequestLimiter } from '@mirrorbook/injective';
import { priceFeedMetrics } from '../metrics/price-feed.metrics';
import { CountingRateLimiter } from './counting-rate.limiter';
import { HeightTracker } from './height.tracker';
import { RequestRateMeter } from './request-rate.meter';

/**
 * The limiter grants at most this share of the budget: a server counts arrivals, which jitter
 * around our grant times (a busy event loop sends one late and the next on time), so a bucket at
 * 95 % of 20/s was still seen at 21 in some second under CI load; at 90 % a second holds 21 only
 * if arrivals bunch by more than 100 ms. (The poll planner plans 85 %, see RETRY_HEADROOM.)
 */
export const LIMITER_SAFETY = 0.9;

/** Everything the feed keeps per LCD host. */
export interface LcdHost {
  /** `host:port` */
  readonly host: string;
  readonly client: LcdClient;
  readonly heights: HeightTracker;
  readonly limiter: CountingRateLimiter;
  readonly rate: RequestRateMeter;
}

/**
 * One LCD client, one rate limiter and one height tracker per host: however many markets and
 * sides read from a host (with NETWORK=sim both sides read the sim), they share its budget.
 */
export class LcdHostPool {
  private readonly hosts = new Map<string, LcdHost>();

  /**
   * `machineWide`: the host's budget shared with every other process on the machine (the Redis
   * token bucket); each request takes a token of the feed's own planned budget, then one of it
   */
  constructor(
    private readonly ratePerSecond: number,
    private readonly heightRefreshMs: number,
    private readonly machineWide?: (lcdUrl: string) => RequestLimiter,
  ) {}

  /** The host entry for `lcdUrl`, created on first use. */
  forUrl(lcdUrl: string): LcdHost {
    const host = new URL(lcdUrl).host.toLowerCase();
    const existing = this.hosts.get(host);
    if (existing) return existing;
    const rate = new RequestRateMeter();
    const requests = priceFeedMetrics.requests();
    const limiter = new CountingRateLimiter({ ratePerSecond: this.ratePerSecond * LIMITER_SAFETY }, () => {
      requests.inc({ host });
      rate.record(Date.now());
    });
    const shared = this.machineWide?.(lcdUrl);
    const client = new LcdClient({ baseUrl: lcdUrl, rateLimiter: shared ? bothLimiters(limiter, shared) : limiter, timeoutMs: 5000, maxRetries: 2 });
    const entry: LcdHost = { host, client, limiter, rate, heights: new HeightTracker(client, this.heightRefreshMs) };
    this.hosts.set(host, entry);
    return entry;
  }

  all(): LcdHost[] {
    return [...this.hosts.values()];
  }

  /** LCD requests started so far, over every host (each grant is one HTTP attempt) */
  requestsStarted(): number {
    return this.all().reduce((sum, h) => sum + h.limiter.granted, 0);
  }

  /** Stops taking work: requests still waiting for a token are rejected, sent ones finish. */
  close(): void {
    for (const entry of this.hosts.values()) entry.limiter.close();
  }
}

/** A request starts once it has a token of `own` and then one of `shared`. */
function bothLimiters(own: RequestLimiter, shared: RequestLimiter): RequestLimiter {
  return {
    acquire: async (signal) => {
      await own.acquire(signal);
      await shared.acquire(signal);
    },
  };
}

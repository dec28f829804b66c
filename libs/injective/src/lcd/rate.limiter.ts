import { performance } from 'node:perf_hooks';

/** Settings of one token bucket. */
export interface RateLimiterOptions {
  /** tokens added per second: the sustained request rate */
  readonly ratePerSecond: number;
  /**
   * bucket size: how many requests may start back to back after a quiet spell. Any 1-second
   * window holds at most `ratePerSecond + burst - 1` grants, so the default 1 never exceeds the
   * rate (20 req/s = one every 50 ms).
   */
  readonly burst?: number;
  /** the clock the bucket refills by, in ms; default `performance.now` */
  readonly now?: () => number;
  /** called with the clock's reading each time a request is granted: the limiter's own record */
  readonly onGrant?: (atMs: number) => void;
}

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * A token bucket shared by every request to one host. `acquire()` resolves when a request may
 * start; waiters are served first come, first served.
 */
export class RateLimiter {
  readonly ratePerSecond: number;
  readonly burst: number;
  private tokens: number;
  private refilledAt: number;
  private readonly waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly onGrant: ((atMs: number) => void) | undefined;

  constructor(options: RateLimiterOptions) {
    if (!(options.ratePerSecond > 0) || !Number.isFinite(options.ratePerSecond)) {
      throw new RangeError('ratePerSecond must be a positive finite number');
    }
    const burst = options.burst ?? 1;
    if (!Number.isInteger(burst) || burst < 1) throw new RangeError('burst must be an integer >= 1');
    this.ratePerSecond = options.ratePerSecond;
    this.burst = burst;
    this.tokens = burst;
    this.now = options.now ?? (() => performance.now());
    this.onGrant = options.onGrant;
    this.refilledAt = this.now();
  }

  /** Waits for a token. Rejects with the signal's reason if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => this.drop(waiter);
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
      this.drain();
    });
  }

  /** Requests currently waiting for a token. */
  get pending(): number {
    return this.waiters.length;
  }

  private drain(): void {
    this.refill();
    while (this.waiters.length > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      const waiter = this.waiters.shift()!;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      this.onGrant?.(this.refilledAt);
      waiter.resolve();
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.waiters.length === 0) return;
    // at least 1 ms: timers round down, and a too-early wake-up just schedules again
    const delayMs = Math.max(1, Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, delayMs);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.ratePerSecond);
    this.refilledAt = now;
  }

  private drop(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
    waiter.reject(waiter.signal?.reason);
    if (this.waiters.length === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}

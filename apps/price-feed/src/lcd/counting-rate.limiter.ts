import { RateLimiter, type RateLimiterOptions } from '@mirrorbook/injective';
import { FeedStoppingError } from './feed-stopping.error';

/**
 * libs/injective's token bucket, plus two things the feed needs from it: a count of its grants
 * and a callback on each (each grant is one HTTP attempt, retries included, so the count is the
 * number of requests the host was sent) and `close()`, which rejects every waiter that has no
 * token yet — on shutdown the feed stops taking work while requests already sent finish.
 */
export class CountingRateLimiter extends RateLimiter {
  private closed = false;
  private readonly waiting = new Set<AbortController>();
  private readonly tally: { granted: number };

  constructor(options: RateLimiterOptions, onGrant: () => void) {
    const tally = { granted: 0 };
    super({
      ...options,
      onGrant: (atMs) => {
        tally.granted += 1;
        options.onGrant?.(atMs);
        onGrant();
      },
    });
    this.tally = tally;
  }

  /** requests granted so far: every HTTP attempt this limiter let start */
  get granted(): number {
    return this.tally.granted;
  }

  override acquire(signal?: AbortSignal): Promise<void> {
    if (this.closed) return Promise.reject(new FeedStoppingError());
    if (signal?.aborted) return Promise.reject(signal.reason);
    const own = new AbortController();
    const forward = () => own.abort(signal?.reason);
    signal?.addEventListener('abort', forward, { once: true });
    this.waiting.add(own);
    return super
      .acquire(own.signal)
      .finally(() => {
        this.waiting.delete(own);
        signal?.removeEventListener('abort', forward);
      });
  }

  /** Refuses new requests and rejects the queued ones with `FeedStoppingError`. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiting) waiter.abort(new FeedStoppingError());
  }
}

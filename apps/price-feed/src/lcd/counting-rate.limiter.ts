import { RateLimiter, type RateLimiterOptions } from '@mirrorbook/injective';
import { FeedStoppingError } from './feed-stopping.error';

/**
 * libs/injective's token bucket, plus two things the feed needs from it: a callback on every
 * grant (each grant is one HTTP attempt, retries included, so the count is the request rate the
 * host sees) and `close()`, which rejects every waiter that has no token yet — on shutdown the
 * feed stops taking work while requests already sent finish.
 */
export class CountingRateLimiter extends RateLimiter {
  private closed = false;
  private readonly waiting = new Set<AbortController>();

  constructor(
    options: RateLimiterOptions,
    private readonly onGrant: () => void,
  ) {
    super(options);
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
      .then(() => this.onGrant())
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

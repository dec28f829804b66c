import { InjectiveError } from './injective.error';

/** The endpoint kept answering HTTP 429 after every retry. */
export class RateLimitedError extends InjectiveError {
  override readonly name = 'RateLimitedError';
  readonly code = 'RATE_LIMITED';

  constructor(
    /** `METHOD origin/path` of the request, without query string */
    readonly endpoint: string,
    /** the server's `Retry-After`, in milliseconds, when it sent one */
    readonly retryAfterMs: number | null,
    options?: { cause?: unknown },
  ) {
    super(`rate limited by ${endpoint}`, options);
  }
}

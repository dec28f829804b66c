import { InjectiveError } from './injective.error';

/** Why a request could not be answered. */
export type ChainUnavailableReason = 'timeout' | 'network' | 'server-error';

/** The endpoint timed out, refused the connection or answered 5xx after every retry. */
export class ChainUnavailableError extends InjectiveError {
  override readonly name = 'ChainUnavailableError';
  readonly code = 'CHAIN_UNAVAILABLE';

  constructor(
    /** `METHOD origin/path` of the request, without query string */
    readonly endpoint: string,
    readonly reason: ChainUnavailableReason,
    /** HTTP status of the last attempt, null when there was no response */
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(`${endpoint} unavailable (${reason}${status === null ? '' : ` ${status}`})`, options);
  }
}

import { InjectiveError } from './injective.error';

/**
 * The LCD answered with an error that retrying will not change (4xx other than 429, or a 5xx
 * carrying a deterministic gRPC status such as NotFound or InvalidArgument).
 */
export class LcdRequestError extends InjectiveError {
  override readonly name = 'LcdRequestError';
  readonly code = 'LCD_REQUEST_FAILED';

  constructor(
    /** `METHOD origin/path` of the request, without query string */
    readonly endpoint: string,
    readonly status: number,
    /** gRPC status code from the body (`{"code": 5, "message": …}`), when present */
    readonly grpcCode: number | null,
    /** the body's `message`, when present */
    readonly detail: string,
  ) {
    super(`${endpoint} answered ${status}${detail ? `: ${detail}` : ''}`);
  }
}

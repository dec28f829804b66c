import { InjectiveError } from './injective.error';

/** A reply that does not have the documented shape (see libs/injective/README.md). */
export class MalformedResponseError extends InjectiveError {
  override readonly name = 'MalformedResponseError';
  readonly code = 'MALFORMED_RESPONSE';

  constructor(
    /** `METHOD origin/path` of the request, without query string */
    readonly endpoint: string,
    /** where in the JSON body, e.g. `orders[2].price`; empty for the body itself */
    readonly path: string,
    /** why the value was refused */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`malformed reply from ${endpoint} at ${path || '(body)'}: ${reason}`, options);
  }
}

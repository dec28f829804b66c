/** What went wrong with one attempt that a later attempt might not meet. */
export type TransientKind = 'rate-limited' | 'server-error' | 'timeout' | 'network';

/**
 * One failed HTTP attempt worth retrying (internal to the LCD client). `unsent` says the server
 * certainly did not act on the request (429, connection refused), so even a non-idempotent POST
 * may be sent again.
 */
export class TransientFailure extends Error {
  override readonly name = 'TransientFailure';

  constructor(
    readonly kind: TransientKind,
    readonly status: number | null,
    readonly unsent: boolean,
    readonly retryAfterMs: number | null,
    options?: { cause?: unknown },
  ) {
    super(`${kind}${status === null ? '' : ` (HTTP ${status})`}`, options);
  }
}

/** True for undici's `fetch failed` whose cause is a refused connection. */
export function isConnectionRefused(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return typeof cause === 'object' && cause !== null && Reflect.get(cause, 'code') === 'ECONNREFUSED';
}

/** `Retry-After` (seconds or HTTP date) in milliseconds, or null. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Backoff of one host after it refused or failed requests. */
export interface BackoffState {
  /** consecutive failed reads */
  readonly failures: number;
  /** no new read of the host before this time, ms since epoch */
  readonly until: number;
}

export interface BackoffLimits {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const NO_BACKOFF: BackoffState = { failures: 0, until: 0 };

/**
 * After a failed read (pure): wait `initialMs`, doubling per consecutive failure up to `maxMs`,
 * and never less than the server's Retry-After.
 */
export function backoffAfterFailure(state: BackoffState, now: number, retryAfterMs: number | null, limits: BackoffLimits): BackoffState {
  const failures = state.failures + 1;
  const delay = Math.min(limits.maxMs, limits.initialMs * 2 ** Math.min(failures - 1, 30));
  return { failures, until: now + Math.max(delay, retryAfterMs ?? 0) };
}

/** Whether reads of the host must wait at `now`. */
export function isBackingOff(state: BackoffState, now: number): boolean {
  return now < state.until;
}

/** Redis could not be read or written for an evaluation; transient, the next snapshot retries. */
export class StateUnavailableError extends Error {
  readonly code = 'STATE_UNAVAILABLE';
  override readonly name = 'StateUnavailableError';

  constructor(reason: string, cause?: unknown) {
    super(`strategy state unavailable: ${reason}`, { cause });
  }
}

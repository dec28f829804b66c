import { ChainUnavailableError, InjectiveError, MalformedResponseError, RateLimitedError } from '@mirrorbook/injective';
import { FeedStoppingError } from '../lcd/feed-stopping.error';
import type { RejectionReason } from '../validation/verdict.model';

/** What a failed read means for the feed. */
export type ReadFailure =
  /** the reply came but is unusable: counted as a rejection, the side turns degraded */
  | { kind: 'rejected'; reason: RejectionReason; detail: string }
  /** no usable reply; `hostTrouble` = the host itself is unavailable or limiting us (back off) */
  | { kind: 'error'; code: string; detail: string; hostTrouble: boolean; retryAfterMs: number | null }
  /** the feed is stopping: nothing to record */
  | { kind: 'stopping' };

/** Sorts an error thrown by a source into rejection, source error or shutdown (pure). */
export function classifyReadFailure(error: unknown, stopping: boolean): ReadFailure {
  if (error instanceof FeedStoppingError || (stopping && isAbort(error))) return { kind: 'stopping' };
  if (error instanceof MalformedResponseError) return { kind: 'rejected', reason: 'malformed', detail: error.message };
  if (error instanceof RateLimitedError) {
    return { kind: 'error', code: error.code, detail: error.message, hostTrouble: true, retryAfterMs: error.retryAfterMs };
  }
  if (error instanceof ChainUnavailableError) {
    return { kind: 'error', code: error.code, detail: error.message, hostTrouble: true, retryAfterMs: null };
  }
  if (error instanceof InjectiveError) return { kind: 'error', code: error.code, detail: error.message, hostTrouble: false, retryAfterMs: null };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'error', code: 'UNEXPECTED', detail: message, hostTrouble: false, retryAfterMs: null };
}

/** An abort, whatever realm its DOMException comes from. */
function isAbort(error: unknown): boolean {
  const name = typeof error === 'object' && error !== null ? Reflect.get(error, 'name') : undefined;
  return name === 'AbortError' || name === 'TimeoutError';
}

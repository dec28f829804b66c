import type { FeedState, FeedStatus } from '@mirrorbook/contracts';
import type { SideStatus } from './side-status.evaluator';

const RANK: Record<FeedState, number> = { fresh: 0, degraded: 1, stale: 2, down: 3 };

/** The worse of two states. */
export function worseState(a: FeedState, b: FeedState): FeedState {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Inputs of one `md.status.<mk>` payload. */
export interface FeedStatusInput {
  readonly market: string;
  readonly reference: SideStatus;
  readonly book: SideStatus;
  readonly refBook: SideStatus;
  readonly throttled: boolean;
  readonly pollIntervalMs: number;
  readonly ts: number;
}

/**
 * The status payload without its seq (pure); the pair's state is the worse of the reference price
 * and the trading book, which planning needs; the reference book is reported beside them.
 */
export function buildFeedStatus(input: FeedStatusInput): Omit<FeedStatus, 'seq'> {
  return {
    v: 1,
    market: input.market,
    state: worseState(input.reference.state, input.book.state),
    reference: input.reference,
    book: input.book,
    refBook: input.refBook,
    throttled: input.throttled,
    pollIntervalMs: Math.round(input.pollIntervalMs),
    ts: input.ts,
  };
}

/**
 * What must change for a status to be republished before the heartbeat interval: the states, the
 * throttling and the interval — not the ages, nor the wording of a reason (it carries prices).
 */
export function statusFingerprint(status: Omit<FeedStatus, 'seq'>): string {
  return [status.reference.state, status.book.state, status.refBook?.state, status.throttled, status.pollIntervalMs].join('|');
}

import { futureTsIssue } from './time-sanity';

/** What the price feed stamps on every payload: its read time and a per-stream sequence number. */
export interface FeedStamp {
  /** ms since epoch */
  readonly ts: number;
  readonly seq: number;
}

/**
 * Whether `candidate` is later than `held` by feed time, then by `seq`; anything is later than
 * nothing, a tie is not later. Time comes first because a second feed instance numbers its own
 * `seq`s, which is why a copy stamped beyond the clock at `nowMs` (`futureTsIssue`) is never
 * later: it would win over every genuine copy until the clock caught up.
 */
export function isNewerCopy(candidate: FeedStamp, held: FeedStamp | undefined, nowMs: number): boolean {
  if (futureTsIssue(candidate.ts, nowMs)) return false;
  return !held || candidate.ts > held.ts || (candidate.ts === held.ts && candidate.seq > held.seq);
}

/**
 * The later of two copies of a feed payload (one heard on NATS, one the feed stored in Redis) by
 * `isNewerCopy` at `nowMs`; either may be missing, a tie keeps `a`, a copy from the future is left out.
 */
export function newestCopy<T extends FeedStamp>(a: T | undefined, b: T | undefined, nowMs: number): T | undefined {
  const valid = (copy: T | undefined) => (copy && !futureTsIssue(copy.ts, nowMs) ? copy : undefined);
  const [x, y] = [valid(a), valid(b)];
  if (!x || !y) return x ?? y;
  return isNewerCopy(y, x, nowMs) ? y : x;
}

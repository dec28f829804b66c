/** What the price feed stamps on every payload: its read time and a per-stream sequence number. */
export interface FeedStamp {
  /** ms since epoch */
  readonly ts: number;
  readonly seq: number;
}

/**
 * Whether `candidate` is later than `held` by feed time, then by `seq`; anything is later than
 * nothing, a tie is not later. Time comes first because a second feed instance numbers its own
 * `seq`s.
 */
export function isNewerCopy(candidate: FeedStamp, held: FeedStamp | undefined): boolean {
  return !held || candidate.ts > held.ts || (candidate.ts === held.ts && candidate.seq > held.seq);
}

/**
 * The later of two copies of a feed payload (one heard on NATS, one the feed stored in Redis) by
 * `isNewerCopy`; either may be missing, a tie keeps `a`.
 */
export function newestCopy<T extends FeedStamp>(a: T | undefined, b: T | undefined): T | undefined {
  if (!a || !b) return a ?? b;
  return isNewerCopy(b, a) ? b : a;
}

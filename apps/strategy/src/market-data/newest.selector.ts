/** A payload the feed stamped with its read time and a per-stream sequence number. */
export interface Stamped {
  /** ms since epoch */
  readonly ts: number;
  readonly seq: number;
}

/**
 * The later of two payloads by feed time, then by `seq`; either may be missing. Time comes first
 * because a second feed instance numbers its own `seq`s.
 */
export function newest<T extends Stamped>(a: T | undefined, b: T | undefined): T | undefined {
  if (!a || !b) return a ?? b;
  if (a.ts !== b.ts) return a.ts > b.ts ? a : b;
  return a.seq >= b.seq ? a : b;
}

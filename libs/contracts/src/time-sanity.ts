import type { SubjectFamily } from './subjects';

/**
 * The one rule for timestamps and sequences from other processes (docs/architecture.md#time-and-sequence-sanity).
 * Newer-copy selection orders by `ts`, and supersession by `bookSeq`: a value from the future
 * would win over every genuine one until the clock caught up, so consumers refuse it instead.
 */
export const timeSanity = {
  /** how far a payload's `ts` may be ahead of the consumer's clock (hosts' clocks differ a little) */
  maxClockSkewMs: 5_000,
  /** the longest an intent may live: `deadline − ts`; also the upper bound of `intentTtlMs` */
  maxIntentTtlMs: 60_000,
} as const;

/** Why a payload's time or sequence was refused; also the `reason` label of `mirrorbook_invalid_messages_total`. */
export type TimeIssueReason = 'future-ts' | 'future-seq' | 'deadline-before-ts' | 'ttl-too-long' | 'book-seq-ahead';

export interface TimeIssue {
  readonly reason: TimeIssueReason;
  readonly detail: string;
}

/** `future-ts` when `ts` is more than the skew tolerance ahead of `nowMs`. */
export function futureTsIssue(ts: number, nowMs: number, maxSkewMs: number = timeSanity.maxClockSkewMs): TimeIssue | undefined {
  if (ts <= nowMs + maxSkewMs) return undefined;
  return { reason: 'future-ts', detail: `ts ${ts} is ${ts - nowMs} ms ahead of the clock (tolerance ${maxSkewMs} ms)` };
}

/**
 * How old a payload stamped `ts` is at `nowMs`; undefined (invalid, never fresh) when `ts` is
 * beyond the skew tolerance ahead. Within the tolerance a negative age counts as 0.
 */
export function payloadAgeMs(ts: number, nowMs: number, maxSkewMs: number = timeSanity.maxClockSkewMs): number | undefined {
  if (futureTsIssue(ts, nowMs, maxSkewMs)) return undefined;
  return Math.max(0, nowMs - ts);
}

/** An intent's `ts` and `deadline`: not from the future, deadline after ts, lifetime at most `maxIntentTtlMs`. */
export function intentTimeIssue(intent: { readonly ts: number; readonly deadline: number }, nowMs: number): TimeIssue | undefined {
  const future = futureTsIssue(intent.ts, nowMs);
  if (future) return future;
  if (intent.deadline < intent.ts) return { reason: 'deadline-before-ts', detail: `deadline ${intent.deadline} is before ts ${intent.ts}` };
  const ttl = intent.deadline - intent.ts;
  if (ttl > timeSanity.maxIntentTtlMs) return { reason: 'ttl-too-long', detail: `deadline is ${ttl} ms after ts (at most ${timeSanity.maxIntentTtlMs} ms)` };
  return undefined;
}

/** The largest feed seq (a ms timestamp) that may exist at `nowMs`. */
function seqBoundAt(nowMs: number): number {
  return nowMs + timeSanity.maxClockSkewMs;
}

/**
 * `future-seq` when a feed payload's `seq` is beyond the clock + skew tolerance: the feed numbers
 * its streams by ms timestamp (`nextSeq` of the price feed), and a larger seq would supersede
 * every genuine book (the strategy's cycle claims, the executor's triage) for as long as it is kept.
 */
export function futureSeqIssue(seq: number, nowMs: number): TimeIssue | undefined {
  const bound = seqBoundAt(nowMs);
  if (seq <= bound) return undefined;
  return { reason: 'future-seq', detail: `seq ${seq} is ahead of the clock + ${timeSanity.maxClockSkewMs} ms (${bound})` };
}

/**
 * A plan's `basedOn.bookSeq` against the newest book seq the consumer knows for the market (the
 * feed's `md:book:<mk>`): a plan cannot be built from a book nobody published. Without a known
 * book the bound is the clock, since the feed's seqs are ms timestamps (`nextSeq` of the price feed).
 */
export function bookSeqIssue(bookSeq: number, newestKnown: number | undefined, nowMs: number): TimeIssue | undefined {
  const bound = newestKnown ?? seqBoundAt(nowMs);
  if (bookSeq <= bound) return undefined;
  const known = newestKnown === undefined ? `the clock + ${timeSanity.maxClockSkewMs} ms (no book stored)` : `the newest book ${newestKnown}`;
  return { reason: 'book-seq-ahead', detail: `bookSeq ${bookSeq} is ahead of ${known}` };
}

/**
 * The time rule of an inbound payload of `family` (already schema-valid): feed payloads (`md.*`:
 * `ts` and `seq`) and intents are ordered or expired by their times, so those are checked; other families'
 * `ts` only label what happened and pass as they are.
 */
export function payloadTimeIssue(family: SubjectFamily, payload: unknown, nowMs: number): TimeIssue | undefined {
  if (family === 'intent') return intentTimeIssue(payload as { ts: number; deadline: number }, nowMs);
  if (family === 'mdPrice' || family === 'mdBook' || family === 'mdRefBook' || family === 'mdStatus') {
    const { ts, seq } = payload as { ts: number; seq: number };
    return futureTsIssue(ts, nowMs) ?? futureSeqIssue(seq, nowMs);
  }
  return undefined;
}

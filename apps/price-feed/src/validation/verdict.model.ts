/** Why a source reply was refused (the `reason` label of `mirrorbook_feed_rejections_total`). */
export type RejectionReason =
  /** the reply did not have the documented shape: missing or mistyped fields, not JSON */
  | 'malformed'
  /** a price the pair needs is absent (an empty side on the reference market, no mark price) */
  | 'missing-price'
  | 'non-positive-price'
  | 'non-positive-quantity'
  /** best bid at or above best ask */
  | 'crossed-book'
  /** the block height went backwards */
  | 'height-regression';

/** The outcome of validating one reply: the value to publish, or why not. */
export type Verdict<T> = { ok: true; value: T } | { ok: false; reason: RejectionReason; detail: string };

/** A refusal. */
export function reject(reason: RejectionReason, detail: string): { ok: false; reason: RejectionReason; detail: string } {
  return { ok: false, reason, detail };
}

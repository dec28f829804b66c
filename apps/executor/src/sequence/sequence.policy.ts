/** What to do with the local sequence after reading the chain's. */
export type SequenceDecision =
  | { readonly action: 'keep'; readonly drift: number }
  | { readonly action: 'correct'; readonly to: number; readonly drift: number; readonly reason: 'behind' | 'ahead' };

/** Inputs of `decideSequence`. */
export interface SequenceReading {
  /** the next sequence the executor would sign with */
  readonly local: number;
  /** the account's sequence as the chain's LCD reports it (committed state) */
  readonly chain: number;
  /** our txs broadcast but not yet seen in a block */
  readonly inFlight: number;
  /** tolerated distance ahead of the chain beyond the txs in flight */
  readonly maxDrift: number;
}

/**
 * Decides whether a refresh from the chain corrects the local sequence (docs/architecture.md#account-sequence). Behind the
 * chain is always wrong: someone else used the key, or a tx we gave up on landed. Ahead is normal
 * by the txs in flight, and tolerated by `maxDrift` more because an LCD behind a load balancer may
 * answer from a node one block late; beyond that the local value is reset to the chain's.
 */
export function decideSequence(reading: SequenceReading): SequenceDecision {
  const drift = reading.local - (reading.chain + reading.inFlight);
  if (reading.local < reading.chain) return { action: 'correct', to: reading.chain, drift, reason: 'behind' };
  if (drift > reading.maxDrift) return { action: 'correct', to: reading.chain + reading.inFlight, drift, reason: 'ahead' };
  return { action: 'keep', drift };
}

/** What to do with a code 32 reply's "expected" sequence. */
export type MismatchDecision =
  | { readonly action: 'adopt'; readonly to: number }
  | { readonly action: 'lagging-node' }
  | { readonly action: 'refresh' };

/**
 * Reads a sequence mismatch against the floor, the last included sequence + 1: an "expected"
 * below it can only come from a node behind the chain (a public LCD behind a load balancer), and
 * never moves the sequence down; the same bytes go again a block later. No expected: re-read the
 * account.
 */
export function decideMismatch(expected: number | null, floor: number): MismatchDecision {
  if (expected === null) return { action: 'refresh' };
  if (expected < floor) return { action: 'lagging-node' };
  return { action: 'adopt', to: expected };
}

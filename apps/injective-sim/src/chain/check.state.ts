/**
 * The mempool's view on top of committed state, as CometBFT's CheckTx keeps it: a tx that passes
 * CheckTx advances its account's check-state sequence (so the next tx of the account may use the
 * next sequence before a block) and reserves its fee. Reset and replayed after every block.
 */
export class CheckState {
  private readonly sequences = new Map<string, bigint>();
  private readonly reservedFees = new Map<string, bigint>();

  /** The sequence the next tx of `address` must carry. */
  sequence(address: string, committed: bigint): bigint {
    return this.sequences.get(address) ?? committed;
  }

  /** Fee base units of `address` already promised to txs in the mempool. */
  reservedFee(address: string): bigint {
    return this.reservedFees.get(address) ?? 0n;
  }

  /** Records a tx that passed CheckTx with `sequence` and `fee`. */
  accept(address: string, sequence: bigint, fee: bigint): void {
    this.sequences.set(address, sequence + 1n);
    this.reservedFees.set(address, this.reservedFee(address) + fee);
  }

  /** Moves `address`'s check-state sequence forward by `by` (sequence drift). */
  bump(address: string, committed: bigint, by: bigint): void {
    this.sequences.set(address, this.sequence(address, committed) + by);
  }

  /** Forgets everything: check state equals committed state again. */
  reset(): void {
    this.sequences.clear();
    this.reservedFees.clear();
  }
}

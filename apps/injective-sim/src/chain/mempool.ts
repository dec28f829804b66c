import type { DecodedTx } from '@mirrorbook/injective/sim-codec';
import type { SimBatch } from '../exchange/exchange.port';

/** A tx that passed CheckTx and waits for a block. */
export interface PendingTx {
  readonly hash: string;
  readonly bytes: Uint8Array;
  readonly tx: DecodedTx;
  /** signer address */
  readonly sender: string;
  /** the tx's messages, converted for the exchange (one per message, in order) */
  readonly batches: readonly SimBatch[];
  /** fee in base units of the fee denom */
  readonly fee: bigint;
}

/** Txs in arrival order, with O(1) duplicate lookup by hash. */
export class Mempool {
  private queue: PendingTx[] = [];
  private readonly hashes = new Set<string>();

  get size(): number {
    return this.queue.length;
  }

  has(hash: string): boolean {
    return this.hashes.has(hash);
  }

  add(tx: PendingTx): void {
    this.queue.push(tx);
    this.hashes.add(tx.hash);
  }

  /** Removes and returns every tx, oldest first. */
  drain(): PendingTx[] {
    const all = this.queue;
    this.queue = [];
    this.hashes.clear();
    return all;
  }

  /** Keeps only the txs `keep` accepts, in order (the recheck after a block). */
  retain(keep: (tx: PendingTx) => boolean): void {
    const kept = this.queue.filter(keep);
    this.queue = kept;
    this.hashes.clear();
    for (const tx of kept) this.hashes.add(tx.hash);
  }

  /** The pending txs, oldest first (read-only view). */
  list(): readonly PendingTx[] {
    return this.queue;
  }
}

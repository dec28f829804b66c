import type { DeliveredTx } from './tx-result.model';

/**
 * Executed txs by hash, keeping the newest `retain` (older ones are pruned, as on a node with
 * pruning: looking them up answers "not found").
 */
export class TxIndex {
  private readonly byHash = new Map<string, DeliveredTx>();

  constructor(private readonly retain: number) {}

  add(tx: DeliveredTx): void {
    this.byHash.set(tx.hash, tx);
    if (this.byHash.size > this.retain) {
      // Map iterates in insertion order: the first key is the oldest
      const oldest = this.byHash.keys().next().value;
      if (oldest !== undefined) this.byHash.delete(oldest);
    }
  }

  get(hash: string): DeliveredTx | undefined {
    return this.byHash.get(hash);
  }

  has(hash: string): boolean {
    return this.byHash.has(hash);
  }

  get size(): number {
    return this.byHash.size;
  }
}

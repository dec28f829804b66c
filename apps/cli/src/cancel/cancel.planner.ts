import { MAX_CANCELS_BY_ID_PER_TX } from '@mirrorbook/injective';
import type { MarketType } from '@mirrorbook/market';

/** An open order the operator asked to cancel. */
export interface CancelTarget {
  /** market key, e.g. `inj-usdt` */
  readonly market: string;
  readonly marketId: string;
  readonly marketType: MarketType;
  readonly orderHash: string;
}

/** One transaction's worth of cancels. */
export interface CancelBatch {
  /** 1-based, in broadcast order */
  readonly index: number;
  readonly spot: readonly CancelTarget[];
  readonly derivative: readonly CancelTarget[];
}

/**
 * Splits the cancels into batches of at most `batchSize` orders, keeping each market's orders
 * together where they fit and the order of `targets` otherwise. Duplicate hashes are cancelled
 * once. Throws RangeError for a batch size outside 1…MAX_CANCELS_BY_ID_PER_TX (libs/injective's gas
 * bound for one tx).
 */
export function planCancelBatches(targets: readonly CancelTarget[], batchSize: number): CancelBatch[] {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_CANCELS_BY_ID_PER_TX) {
    throw new RangeError(`batch size must be an integer from 1 to ${MAX_CANCELS_BY_ID_PER_TX}, got ${batchSize}`);
  }
  const seen = new Set<string>();
  const unique = targets.filter((t) => {
    const key = t.orderHash.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const batches: CancelBatch[] = [];
  for (let start = 0; start < unique.length; start += batchSize) {
    const chunk = unique.slice(start, start + batchSize);
    batches.push({
      index: batches.length + 1,
      spot: chunk.filter((t) => t.marketType === 'spot'),
      derivative: chunk.filter((t) => t.marketType === 'derivative'),
    });
  }
  return batches;
}

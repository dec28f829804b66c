import type Decimal from 'decimal.js';
import type { StoredOrder } from '@mirrorbook/contracts';
import { toDecimalString } from '@mirrorbook/market';

/** A resting order as the chain lists it (see `OpenOrder` of libs/injective). */
export interface ChainOrder {
  readonly orderHash: string;
  readonly cid: string | null;
  readonly side: 'buy' | 'sell';
  readonly price: Decimal;
  /** what is left to fill, base units */
  readonly fillable: Decimal;
}

/** Inputs of `reconcileOrders` for one market. */
export interface ReconcileInput {
  readonly chain: readonly ChainOrder[];
  readonly stored: readonly StoredOrder[];
  /** what to do with orders on chain that nothing knows */
  readonly orphanPolicy: 'cancel' | 'adopt';
  /** cids of creates in txs not yet seen in a block: their orders are ours although not stored yet */
  readonly pendingCids: ReadonlySet<string>;
  /** hashes (lower case) of stored orders the previous pass of this market did not find on chain */
  readonly missingBefore: ReadonlySet<string>;
  /** the block the chain's list was read at */
  readonly readHeight: number;
  /** ms since epoch */
  readonly now: number;
}

/** How to bring `orders:<wallet>:<mk>` in line with the chain, which is the truth. */
export interface ReconcilePlan {
  /** on chain, unknown here: to store (adopted, or stored to be cancelled right after) */
  readonly orphans: readonly StoredOrder[];
  /** the orphans to cancel (policy `cancel`) */
  readonly cancel: readonly string[];
  /** stored and missing from a read at or after the block that created it, or (block unknown) from this pass and the previous one: closed (filled or cancelled elsewhere) */
  readonly gone: readonly StoredOrder[];
  /** hashes (lower case) of stored orders of unknown block missing for the first time: kept, dropped if the next pass misses them too */
  readonly missing: ReadonlySet<string>;
  /** on both, partly filled since: the stored copy with the remaining quantity, and the amount filled */
  readonly partlyFilled: readonly { readonly order: StoredOrder; readonly filled: string }[];
}

/**
 * Compares the chain's open orders of one market with the stored ones. Orders of txs still in
 * flight (by cid) are never orphans. Orders whose remaining quantity shrank are updated. A stored
 * order the chain does not list is gone when the list was read at or after the block that created
 * it; one whose block is unknown (adopted) only when the previous pass missed it too, for the read
 * may come from a node that has not seen it yet.
 */
export function reconcileOrders(input: ReconcileInput): ReconcilePlan {
  const stored = new Map(input.stored.map((o) => [o.orderHash.toLowerCase(), o]));
  const onChain = new Set(input.chain.map((o) => o.orderHash.toLowerCase()));
  const orphans: StoredOrder[] = [];
  const cancel: string[] = [];
  const partlyFilled: { order: StoredOrder; filled: string }[] = [];
  for (const order of input.chain) {
    const known = stored.get(order.orderHash.toLowerCase());
    if (known) {
      if (order.fillable.lt(known.quantity) && order.fillable.gt(0)) {
        partlyFilled.push({
          order: { ...known, quantity: toDecimalString(order.fillable) },
          filled: toDecimalString(order.fillable.neg().add(known.quantity)),
        });
      }
      continue;
    }
    if (order.fillable.lte(0)) continue;
    const copy: StoredOrder = {
      orderHash: order.orderHash,
      cid: order.cid,
      side: order.side,
      price: toDecimalString(order.price),
      quantity: toDecimalString(order.fillable),
      createdAt: input.now,
      height: null,
    };
    orphans.push(copy);
    const ours = order.cid !== null && input.pendingCids.has(order.cid);
    if (!ours && input.orphanPolicy === 'cancel') cancel.push(order.orderHash);
  }
  const gone: StoredOrder[] = [];
  const missing = new Set<string>();
  for (const order of input.stored) {
    const key = order.orderHash.toLowerCase();
    if (onChain.has(key)) continue;
    const seenByRead = order.height !== null && order.height <= input.readHeight;
    if (seenByRead || input.missingBefore.has(key)) gone.push(order);
    else missing.add(key);
  }
  return { orphans, cancel, gone, missing, partlyFilled };
}

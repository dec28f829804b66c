import type { AssessedOwnOrder } from './own-order.model';

/** Which own orders go first. */
export type CancelOrder = 'farthest' | 'oldest';

/**
 * The first `count` own orders by `order` (farthest from the reference, or oldest), ties broken
 * by age then order hash so the choice never depends on input order. With `wrongSideFirst`,
 * orders on the wrong side of the reference (bids at or above it, asks at or below it) come
 * before all others: they are the ones that hold the testnet price away from the reference.
 */
export function pickCancels(
  orders: readonly AssessedOwnOrder[],
  count: number,
  order: CancelOrder,
  wrongSideFirst = false,
): AssessedOwnOrder[] {
  if (count <= 0 || orders.length === 0) return [];
  const ranked = [...orders].sort((a, b) => {
    if (wrongSideFirst && a.wrongSide !== b.wrongSide) return a.wrongSide ? -1 : 1;
    if (order === 'farthest') {
      const byDistance = b.distancePct.cmp(a.distancePct);
      if (byDistance !== 0) return byDistance;
    }
    if (a.order.createdAtMs !== b.order.createdAtMs) return a.order.createdAtMs - b.order.createdAtMs;
    return a.order.orderHash < b.order.orderHash ? -1 : a.order.orderHash > b.order.orderHash ? 1 : 0;
  });
  return ranked.slice(0, count);
}

import type { Side } from '@mirrorbook/market';
import type { AssessedOwnOrder } from './own-order.model';

/** How the bot's resting orders of one side stand against the staircase levels of that side. */
export interface LevelClaims {
  /** per level (same order as the levels), the own order that holds it, if any */
  readonly holders: readonly (AssessedOwnOrder | undefined)[];
  /**
   * per level no order holds, the own order that was its quote before the reference moved: the
   * unheld order nearest the target between the neighbouring levels' targets (the reference edge
   * inside the innermost level). It is cancelled and the level placed again.
   */
  readonly stale: readonly (AssessedOwnOrder | undefined)[];
}

/**
 * Matches the bot's orders of one side to the staircase levels (price indices, nearest the
 * reference first) within the requote tolerance (docs/architecture.md#cadence): an order at most
 * `tolerance` × the target's distance to the reference (and always one tick) off a level's target
 * can hold that level and is left alone, and so can an order nearer the reference than the
 * innermost level (a tighter quote, until it ends on the wrong side of the reference). Inner
 * levels, the nearest the reference, have the smallest allowance, so a small move of the reference
 * frees only those; a move of zero frees none.
 *
 * The matching keeps the order of prices (the i-th held level from the reference has a nearer
 * order than the (i+1)-th) and holds as many levels as possible, then with the least total
 * distance: a greedy nearest match would let one extra order near the reference shift every
 * level's claim outward and free the deepest level for nothing.
 *
 * `own` are the side's orders on the right side of the reference, `ticks` their prices in ticks
 * (floats: they only measure distances).
 */
export function claimLevels(
  side: Side,
  levels: readonly number[],
  referenceEdge: number,
  referenceTicks: number,
  own: readonly { readonly order: AssessedOwnOrder; readonly ticks: number }[],
  tolerance: number,
): LevelClaims {
  const outward = side === 'buy' ? -1 : 1;
  const orders = [...own].sort((a, b) => (a.ticks - b.ticks) * outward || (a.order.order.orderHash < b.order.order.orderHash ? -1 : 1));
  const holds = (i: number, o: { ticks: number }) => {
    const target = levels[i]!;
    const allowance = Math.max(1, tolerance * Math.abs(target - referenceTicks));
    return Math.abs(o.ticks - target) <= allowance || (i === 0 && (target - o.ticks) * outward > 0);
  };
  const matched = matchInOrder(levels.length, orders.length, (i, j) => (holds(i, orders[j]!) ? Math.abs(orders[j]!.ticks - levels[i]!) : null));
  const free = new Set(orders);
  const holders = levels.map((_, i) => {
    const j = matched[i];
    if (j === undefined) return undefined;
    free.delete(orders[j]!);
    return orders[j]!.order;
  });
  const stale = levels.map((target, i) => {
    if (holders[i]) return undefined;
    // the open interval between the neighbouring targets, measured outward from the reference
    const inner = i === 0 ? referenceEdge - outward : levels[i - 1]!;
    const outer = levels[i + 1] ?? target + (target - inner);
    const within = (o: { ticks: number }) => (o.ticks - inner) * outward > 0 && (outer - o.ticks) * outward > 0;
    const order = nearest(free, target, within);
    if (order) free.delete(order);
    return order?.order;
  });
  return { holders, stale };
}

/**
 * An order-preserving matching of n levels to m orders (level i to order j only where `cost(i, j)`
 * is not null): the most pairs, then the least total cost. Returns per level the order's index.
 */
function matchInOrder(n: number, m: number, cost: (i: number, j: number) => number | null): (number | undefined)[] {
  // best[i][j]: levels < i against orders < j, as [pairs, total cost]
  const best: [number, number][][] = Array.from({ length: n + 1 }, () => Array.from({ length: m + 1 }, (): [number, number] => [0, 0]));
  const better = (a: [number, number], b: [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] < b[1]);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      let cell = better(best[i - 1]![j]!, best[i]![j - 1]!) ? best[i - 1]![j]! : best[i]![j - 1]!;
      const c = cost(i - 1, j - 1);
      if (c !== null) {
        const [pairs, total] = best[i - 1]![j - 1]!;
        const paired: [number, number] = [pairs + 1, total + c];
        if (better(paired, cell)) cell = paired;
      }
      best[i]![j] = cell;
    }
  }
  const matched: (number | undefined)[] = Array.from({ length: n }, () => undefined);
  for (let i = n, j = m; i > 0 && j > 0; ) {
    const c = cost(i - 1, j - 1);
    const [pairs, total] = best[i - 1]![j - 1]!;
    if (c !== null && best[i]![j]![0] === pairs + 1 && best[i]![j]![1] === total + c) {
      matched[i - 1] = j - 1;
      i--;
      j--;
    } else if (best[i]![j]![0] === best[i - 1]![j]![0] && best[i]![j]![1] === best[i - 1]![j]![1]) i--;
    else j--;
  }
  return matched;
}

function nearest<T extends { readonly order: AssessedOwnOrder; readonly ticks: number }>(
  candidates: ReadonlySet<T>,
  target: number,
  eligible: (o: T) => boolean,
): T | undefined {
  let best: T | undefined;
  for (const o of candidates) {
    if (!eligible(o)) continue;
    const d = Math.abs(o.ticks - target);
    const bestD = best ? Math.abs(best.ticks - target) : Infinity;
    if (d < bestD || (d === bestD && best && o.order.order.orderHash < best.order.order.orderHash)) best = o;
  }
  return best;
}

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
 * holds that level and is left alone, and so does an order nearer the reference than the innermost
 * level (a tighter quote, until it ends on the wrong side of the reference). Inner levels, the nearest the reference, have the smallest
 * allowance, so a small move of the reference frees only those; a move of zero frees none.
 * Levels take the nearest free order, innermost level first; ties go to the lower order hash.
 *
 * `own` are the side's orders on the right side of the reference, `priceTicks` their prices in
 * ticks (floats: they only measure distances).
 */
export function claimLevels(
  side: Side,
  levels: readonly number[],
  referenceEdge: number,
  referenceTicks: number,
  own: readonly { readonly order: AssessedOwnOrder; readonly ticks: number }[],
  tolerance: number,
): LevelClaims {
  const free = new Set(own);
  const outward = side === 'buy' ? -1 : 1;
  const holders = levels.map((target, i) => {
    const allowance = Math.max(1, tolerance * Math.abs(target - referenceTicks));
    // a quote nearer the reference than the innermost level is at least as tight: it holds it
    const holds = (o: { ticks: number }) => Math.abs(o.ticks - target) <= allowance || (i === 0 && (target - o.ticks) * outward > 0);
    const holder = nearest(free, target, holds);
    if (holder) free.delete(holder);
    return holder?.order;
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

import type { Side } from '@mirrorbook/market';

/** An order in ticks: price index k, quantity index q. */
export interface Lot {
  readonly k: number;
  readonly q: number;
}

/**
 * What the wallet can still commit on each side, in quantity ticks. Spot: available balances;
 * derivatives: headroom under the net position cap. Consumed as orders are planned.
 */
export interface OrderBudget {
  /** the largest quantity index a new order at price index k may have on `side` */
  room(side: Side, k: number): number;
  /** true when new orders on `side` must be reduce-only (derivatives at the position cap) */
  reduceOnly(side: Side): boolean;
  /** records a planned order of q quantity ticks at price index k */
  consume(side: Side, k: number, q: number): void;
  /**
   * The largest factor ≤ 1 by which `wanted` (a whole side's orders) can be scaled and fit in the
   * room left plus what `resting` (the bot's own orders on `side`, already counted against the
   * funds) commits: the share of a target the wallet can afford.
   */
  fit(side: Side, wanted: readonly Lot[], resting: readonly Lot[]): number;
}

/** min(1, available ÷ needed); 1 when nothing is needed. */
export function fitFactor(available: number, needed: number): number {
  return needed <= 0 ? 1 : Math.max(0, Math.min(1, available / needed));
}

/** Σ q of `lots`. */
export function quantityOf(lots: readonly Lot[]): number {
  return lots.reduce((sum, l) => sum + l.q, 0);
}

import type { Side } from '@mirrorbook/market';

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
}

import type Decimal from 'decimal.js';
import { Dec, type Side } from '@mirrorbook/market';
import { fitFactor, quantityOf, type Lot, type OrderBudget } from './order-budget.model';
import type { TickGrid } from './tick.grid';

/** Spot balances the plan may commit, human units. */
export interface SpotBalances {
  /**
   * available base asset, i.e. already net of what the bot's open orders lock (the executor's
   * `balances:<wallet>` available amount); funds freed by this plan's cancels are not counted
   * until the next balance read
   */
  readonly base: Decimal;
  /** available quote asset, net of locks like `base` */
  readonly quote: Decimal;
}

/**
 * Sells may not exceed the available base; buys may not lock more than the available quote. A buy
 * locks price × quantity × (1 + fee) with the larger of the maker and taker fee rates (a rebate
 * counts as 0), as the exchange holds enough for the order to fill as a taker.
 */
export function createSpotBudget(grid: TickGrid, balances: SpotBalances): OrderBudget {
  const { makerFeeRate, takerFeeRate } = grid.market;
  const fee = Dec.max(makerFeeRate, takerFeeRate, 0);
  let baseTicks = balances.base.gt(0) ? grid.quantityIndex(balances.base) : 0;
  let quoteUnits = grid.unitsAffordable(balances.quote, fee.add(1));
  return {
    room(side: Side, k: number): number {
      if (side === 'sell') return baseTicks;
      const q = quoteUnits / BigInt(k);
      return q > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(q);
    },
    reduceOnly: () => false,
    consume(side: Side, k: number, q: number): void {
      if (side === 'sell') baseTicks -= q;
      else quoteUnits -= BigInt(k) * BigInt(q);
    },
    fit(side: Side, wanted: readonly Lot[], resting: readonly Lot[]): number {
      if (side === 'sell') return fitFactor(baseTicks + quantityOf(resting), quantityOf(wanted));
      // a buy's lock is k × q units (× 1 + fee, which quoteUnits already divides out)
      return fitFactor(Number(quoteUnits) + notionalOf(resting), notionalOf(wanted));
    },
  };
}

/** Σ k × q of `lots`, price × quantity units (a float: it only scales a target). */
function notionalOf(lots: readonly Lot[]): number {
  return lots.reduce((sum, l) => sum + l.k * l.q, 0);
}

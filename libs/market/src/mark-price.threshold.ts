import type Decimal from 'decimal.js';
import { Dec } from './decimal.config';
import type { Side } from './market.model';

/** A derivative order as the mark-price rule sees it (human units). */
export interface MarginedOrder {
  readonly side: Side;
  /** quote per contract */
  readonly price: Decimal;
  /** contracts */
  readonly quantity: Decimal;
  /** quote units the order carries */
  readonly margin: Decimal;
}

/** LegacyDec keeps 18 decimals. */
const CHAIN_DECIMALS = 18;

/**
 * The mark price a derivative order needs besides its initial margin (injective-core
 * `types/v2/derivative_orders.go`, `ComputeMarkPriceThreshold`): a buy needs
 * mark ≥ (margin − price·quantity) / ((IMR − 1)·quantity), a sell needs
 * mark ≤ (margin + price·quantity) / ((1 + IMR)·quantity). With margin = price·quantity / leverage
 * that is price·(1 − 1/L)/(1 − IMR) for a buy and price·(1 + 1/L)/(1 + IMR) for a sell. Rounded
 * to the chain's 18 decimals. Pure.
 */
export function markPriceThreshold(order: MarginedOrder, initialMarginRatio: Decimal): Decimal {
  const notional = order.price.mul(order.quantity);
  const threshold =
    order.side === 'buy'
      ? order.margin.sub(notional).div(initialMarginRatio.sub(1).mul(order.quantity))
      : order.margin.add(notional).div(initialMarginRatio.add(1).mul(order.quantity));
  return new Dec(threshold).toDecimalPlaces(CHAIN_DECIMALS, Dec.ROUND_HALF_EVEN);
}

/**
 * Whether `mark` satisfies the threshold of an order of `side` (`CheckInitialMarginMarkPriceRequirement`):
 * a buy passes while mark ≥ threshold, a sell while mark ≤ threshold; the bound itself passes. Pure.
 */
export function meetsMarkPriceThreshold(side: Side, threshold: Decimal, mark: Decimal): boolean {
  return side === 'buy' ? mark.gte(threshold) : mark.lte(threshold);
}

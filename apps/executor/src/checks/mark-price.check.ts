import type Decimal from 'decimal.js';
import type { CreateOrderAction } from '@mirrorbook/contracts';
import { Dec, leverageMargin, markPriceThreshold, meetsMarkPriceThreshold, toDecimalString, type Market } from '@mirrorbook/market';

/**
 * The chain's mark-price rule for one create (docs/injective.md#derivative-orders-and-margin):
 * with no mark (nil) the chain refuses every order of the market; otherwise a non-reduce-only
 * order carrying price × quantity ÷ leverage (as the batch builder sends it) needs
 * mark ≥ P(1 − 1/L)/(1 − IMR) for a buy, mark ≤ P(1 + 1/L)/(1 + IMR) for a sell. `mark` undefined:
 * it could not be read. The refusal reason names mark, price, leverage and the bound; null when the
 * create passes or the market is spot. Pure.
 */
export function markPriceRefusal(
  action: Pick<CreateOrderAction, 'side' | 'price' | 'quantity' | 'reduceOnly'>,
  market: Market,
  marketKey: string,
  leverage: Decimal,
  mark: Decimal | null | undefined,
): string | null {
  if (market.type !== 'derivative') return null;
  if (mark === undefined) return `mark price of ${marketKey} unknown: the derivative market query failed`;
  if (mark === null) return `no mark price for ${marketKey}: the chain refuses every order of the market`;
  if (action.reduceOnly) return null;
  const price = new Dec(action.price);
  const quantity = new Dec(action.quantity);
  const margin = leverageMargin(price, quantity, leverage, market.quoteDecimals);
  const imr = market.initialMarginRatio ?? new Dec(0);
  const bound = markPriceThreshold({ side: action.side, price, quantity, margin }, imr);
  if (meetsMarkPriceThreshold(action.side, bound, mark)) return null;
  const [relation, formula] = action.side === 'buy' ? ['below', 'P(1 − 1/L)/(1 − IMR)'] : ['above', 'P(1 + 1/L)/(1 + IMR)'];
  return (
    `mark price ${toDecimalString(mark)} is ${relation} the bound ${toDecimalString(bound)} of a ${action.side} at ${toDecimalString(price)} ` +
    `with leverage ${toDecimalString(leverage)} (${formula}, IMR ${toDecimalString(imr)})`
  );
}

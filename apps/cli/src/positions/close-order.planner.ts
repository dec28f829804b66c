import type Decimal from 'decimal.js';
import { Dec, roundPrice, roundQuantity, type Market, type Side } from '@mirrorbook/market';

/** A reduce-only order that flattens (most of) a position. */
export interface CloseOrder {
  readonly side: Side;
  /** on the price tick; marketable: at or through the mark by the slippage */
  readonly price: Decimal;
  /** on the quantity tick, at most the position */
  readonly quantity: Decimal;
  /** position left open because it is below one quantity tick (normally 0) */
  readonly remainder: Decimal;
}

/**
 * The reduce-only limit order that closes `position` at `mark` ± `slippagePct`: a long is sold
 * at mark × (1 − s), a short bought at mark × (1 + s), so the order crosses resting liquidity
 * near the mark but never trades at any price. The price is rounded to the tick away from the
 * crossing side (never more aggressive than asked); the quantity is rounded down (a reduce-only
 * order can never open a position). Returns null when nothing tradable is left (quantity below
 * one tick, or a buy price that rounds to zero).
 */
export function planCloseOrder(
  market: Pick<Market, 'priceTick' | 'quantityTick'>,
  position: { readonly side: 'long' | 'short'; readonly quantity: Decimal },
  mark: Decimal,
  slippagePct: Decimal,
): CloseOrder | null {
  if (slippagePct.lt(0) || slippagePct.gte(100)) throw new RangeError(`slippage must be from 0 to below 100 %, got ${slippagePct.toFixed()}`);
  const side: Side = position.side === 'long' ? 'sell' : 'buy';
  const factor = new Dec(1).add(slippagePct.div(100).mul(side === 'sell' ? -1 : 1));
  const price = roundPrice(market, side, new Dec(mark).mul(factor));
  const quantity = roundQuantity(market, position.quantity);
  if (price.isZero() || quantity.isZero()) return null;
  return { side, price, quantity, remainder: new Dec(position.quantity).sub(quantity) };
}

import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';

/** A derivative position as the sim keeps it; quantity > 0 always. */
export interface PositionState {
  isLong: boolean;
  /** contracts */
  quantity: Decimal;
  /** quote per contract, volume-weighted over the fills that opened or increased it */
  entryPrice: Decimal;
  /** quote units held by the position */
  margin: Decimal;
}

/** What one fill did to a position; the deposit changes by `marginReleased + realizedPnl − marginUsed`. */
export interface PositionFillResult {
  /** the position afterwards, null when closed */
  position: PositionState | null;
  /** quote units gained (negative: lost) on the closed part */
  realizedPnl: Decimal;
  /** position margin returned to the deposit for the closed part */
  marginReleased: Decimal;
  /** the part of the order's margin that went into the position */
  marginUsed: Decimal;
}

/**
 * Applies a fill of `quantity` contracts at `price` (buy when `isBuy`) carrying `orderMargin`
 * (the order's margin for exactly this quantity) to `position`: opens, increases (entry price
 * volume-weighted), reduces (PnL realized, margin released pro rata) or flips (closes the whole
 * position, the rest opens the other way with the matching share of the order's margin).
 */
export function applyPositionFill(
  position: PositionState | null,
  isBuy: boolean,
  quantity: Decimal,
  price: Decimal,
  orderMargin: Decimal,
): PositionFillResult {
  const zero = new Dec(0);
  if (!position || position.isLong === isBuy) {
    const opened: PositionState = position
      ? {
          isLong: isBuy,
          quantity: position.quantity.add(quantity),
          entryPrice: position.entryPrice.mul(position.quantity).add(price.mul(quantity)).div(position.quantity.add(quantity)),
          margin: position.margin.add(orderMargin),
        }
      : { isLong: isBuy, quantity, entryPrice: price, margin: orderMargin };
    return { position: opened, realizedPnl: zero, marginReleased: zero, marginUsed: orderMargin };
  }

  const closing = Dec.min(quantity, position.quantity);
  const direction = position.isLong ? 1 : -1;
  const realizedPnl = price.sub(position.entryPrice).mul(closing).mul(direction);
  const remaining = position.quantity.sub(closing);
  const marginReleased = remaining.isZero() ? position.margin : position.margin.mul(closing).div(position.quantity);
  const opening = quantity.sub(closing);

  if (opening.gt(0)) {
    const marginUsed = orderMargin.mul(opening).div(quantity);
    return {
      position: { isLong: isBuy, quantity: opening, entryPrice: price, margin: marginUsed },
      realizedPnl,
      marginReleased,
      marginUsed,
    };
  }
  const reduced = remaining.isZero()
    ? null
    : { isLong: position.isLong, quantity: remaining, entryPrice: position.entryPrice, margin: position.margin.sub(marginReleased) };
  return { position: reduced, realizedPnl, marginReleased, marginUsed: zero };
}

import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';

// Mid, spread and depth of a book are measured by libs/market (`midPrice`, `bookSpread`,
// `depthWithin`): the same numbers the gateway and its dashboard show. What stays here is the
// CLI's view of a book as read from the LCD, and the gap between two prices.

/** One aggregated price level, human units. */
export interface Level {
  /** quote units per base unit */
  readonly price: Decimal;
  /** base units (contracts for derivatives) */
  readonly quantity: Decimal;
}

/** An order book as the LCD gives it: bids best (highest) first, asks best (lowest) first. */
export interface Book {
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
}

const HUNDRED = new Dec(100);

/**
 * (price − reference) / reference, percent: how far the testnet mid (or an order) sits from
 * the mainnet reference, signed; null when either is unknown or the reference is zero.
 */
export function gapPercent(price: Decimal | null, reference: Decimal | null): Decimal | null {
  if (!price || !reference || reference.isZero()) return null;
  return new Dec(price).sub(reference).div(reference).mul(HUNDRED);
}

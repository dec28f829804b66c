import type Decimal from 'decimal.js';

// Mid, spread and depth of a book are measured by libs/market (`midPrice`, `bookSpread`,
// `depthWithin`): the same numbers the gateway and its dashboard show. What stays here is the
// CLI's view of a book as read from the LCD; the gap between two prices is `priceGapPct`.

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

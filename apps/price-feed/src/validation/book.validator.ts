import type Decimal from 'decimal.js';
import type { BookLevel } from '@mirrorbook/injective';
import type { BookReading } from '../sources/book.source';
import { reject, type Verdict } from './verdict.model';

/** A book fit to publish: bids best (highest) first, asks best (lowest) first, not crossed. */
export interface ValidBook {
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
}

/**
 * Accepts a book whose levels all have positive prices and quantities, each side ordered best
 * first, and whose best bid is below its best ask. Empty sides are fine (a testnet book may be
 * empty: that is what the bots are for).
 */
export function validateBook(reading: Pick<BookReading, 'bids' | 'asks'>): Verdict<ValidBook> {
  for (const [side, levels] of [['bids', reading.bids], ['asks', reading.asks]] as const) {
    for (let i = 0; i < levels.length; i++) {
      const { price, quantity } = levels[i];
      if (price.lessThanOrEqualTo(0)) return reject('non-positive-price', `${side}[${i}].price ${price.toFixed()}`);
      if (quantity.lessThanOrEqualTo(0)) return reject('non-positive-quantity', `${side}[${i}].quantity ${quantity.toFixed()}`);
      if (i > 0 && !isWorse(side, price, levels[i - 1].price)) {
        return reject('malformed', `${side}[${i}] is not ordered best first`);
      }
    }
  }
  const [bestBid, bestAsk] = [reading.bids[0], reading.asks[0]];
  if (bestBid && bestAsk && bestBid.price.greaterThanOrEqualTo(bestAsk.price)) {
    return reject('crossed-book', `best bid ${bestBid.price.toFixed()} >= best ask ${bestAsk.price.toFixed()}`);
  }
  return { ok: true, value: { bids: reading.bids, asks: reading.asks } };
}

/** Strictly worse than the level before: lower for bids, higher for asks. */
function isWorse(side: 'bids' | 'asks', price: Decimal, previous: Decimal): boolean {
  return side === 'bids' ? price.lessThan(previous) : price.greaterThan(previous);
}

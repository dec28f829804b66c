import type Decimal from 'decimal.js';
import type { BookLevel } from '@mirrorbook/injective';
import type { ValidBook } from '../validation/book.validator';

export const INITIAL_BOOK_LEVELS = 50;
export const MAX_BOOK_LEVELS = 1000;

/**
 * How many levels a side to ask for next time (pure). A side that came back full (as many levels
 * as asked) and whose last level is still within `depthPct` of the mid may have been cut short:
 * ask for twice as many, up to `maxLevels`. The limit never shrinks, so it settles quickly.
 */
export function nextBookLevels(current: number, book: ValidBook, depthPct: number, maxLevels = MAX_BOOK_LEVELS): number {
  const mid = midOf(book);
  const short = (levels: readonly BookLevel[]) => {
    if (levels.length < current || mid === null) return false;
    const reach = levels[levels.length - 1].price.minus(mid).abs().dividedBy(mid).times(100);
    return reach.lessThan(depthPct);
  };
  return short(book.bids) || short(book.asks) ? Math.min(maxLevels, current * 2) : current;
}

/** Mid of the best levels; the best price of the only side when one is empty; null when both are (pure). */
export function midOf(book: ValidBook): Decimal | null {
  const bid = book.bids[0]?.price;
  const ask = book.asks[0]?.price;
  if (bid && ask) return bid.plus(ask).dividedBy(2);
  return bid ?? ask ?? null;
}

import type { BookLevel } from '@mirrorbook/injective';
import type { ValidBook } from '../validation/book.validator';
import { midOf } from './book-depth.planner';

/** How far from its mid the published reference book reaches, percent (the `md.refbook` contract). */
export const REF_BOOK_BAND_PCT = 5;

/**
 * The levels of `book` at most `pct` percent away from its mid, bounds included (pure). The mid is
 * that of the best levels, or the best price of the only side when one is empty; exact decimals.
 */
export function withinBand(book: ValidBook, pct: number): ValidBook {
  const mid = midOf(book);
  if (mid === null) return book;
  const reach = mid.times(pct).dividedBy(100);
  const near = (level: BookLevel) => level.price.minus(mid).abs().lessThanOrEqualTo(reach);
  return { bids: book.bids.filter(near), asks: book.asks.filter(near) };
}

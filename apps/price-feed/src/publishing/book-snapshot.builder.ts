import type { BookLevel, BookSnapshot } from '@mirrorbook/contracts';
import type { BookLevel as LcdLevel } from '@mirrorbook/injective';
import { toDecimalString } from '@mirrorbook/market';
import type { ValidBook } from '../validation/book.validator';
import type { ReadingStamp } from './price-tick.builder';

export type BookSnapshotDraft = Omit<BookSnapshot, 'seq'>;

/**
 * The payload of a validated book (pure): `md.book` for the trading side's, `md.refbook` for the
 * reference side's; decimals as plain strings.
 */
export function bookSnapshot(stamp: ReadingStamp, book: ValidBook, role: BookSnapshot['role']): BookSnapshotDraft {
  return {
    v: 1,
    net: stamp.net,
    role,
    market: stamp.market,
    bids: book.bids.map(level),
    asks: book.asks.map(level),
    orderCount: book.bids.length + book.asks.length,
    height: stamp.height,
    ts: stamp.ts,
  };
}

function level(l: LcdLevel): BookLevel {
  return { price: toDecimalString(l.price), quantity: toDecimalString(l.quantity) };
}

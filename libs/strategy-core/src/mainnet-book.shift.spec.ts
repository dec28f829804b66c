import type { BookSides } from '@mirrorbook/market';
import { mainnetBookShifted } from './mainnet-book.shift';

const book = (halfSpreadBps: number, size: number): BookSides => {
  const level = (sign: number, i: number) => ({ price: (25 * (1 + (sign * halfSpreadBps * 1.25 ** i) / 10_000)).toFixed(4), quantity: String(size * 1.1 ** i) });
  return { bids: Array.from({ length: 20 }, (_, i) => level(-1, i)), asks: Array.from({ length: 20 }, (_, i) => level(1, i)) };
};

describe('mainnetBookShifted', () => {
  it('is false for the same shape with sizes a little off (within the tolerance)', () => {
    expect(mainnetBookShifted(book(2.5, 5), book(2.5, 5.5), 0.25)).toBe(false);
  });

  it('is true when the spread widens beyond the tolerance', () => {
    expect(mainnetBookShifted(book(2.5, 5), book(10, 5), 0.25)).toBe(true);
  });

  it('is true when the depth halves', () => {
    expect(mainnetBookShifted(book(2.5, 5), book(2.5, 2.5), 0.25)).toBe(true);
  });

  it('is true when a side is gone', () => {
    expect(mainnetBookShifted(book(2.5, 5), { ...book(2.5, 5), asks: [] }, 0.25)).toBe(true);
  });
});

import type { BookSnapshot } from '@mirrorbook/contracts';
import { freshReferenceBook } from './reference-book.filter';

const NOW = 1_700_000_000_000;
const MAX_AGE = 15_000;

const refBook = (overrides: Partial<BookSnapshot> = {}): BookSnapshot => ({
  v: 1,
  net: 'sim',
  role: 'reference',
  market: 'inj-usdt',
  bids: [{ price: '24.99', quantity: '5' }],
  asks: [{ price: '25.01', quantity: '5' }],
  orderCount: 2,
  height: 10,
  ts: NOW - 1000,
  seq: NOW - 1000,
  ...overrides,
});

describe('freshReferenceBook', () => {
  it('passes a fresh reference book of the market through', () => {
    const book = refBook();
    expect(freshReferenceBook(book, 'inj-usdt', NOW, MAX_AGE)).toBe(book);
  });

  it.each([
    ['missing', undefined],
    ['older than the max age', refBook({ ts: NOW - MAX_AGE - 1 })],
    ['from beyond the clock skew ahead', refBook({ ts: NOW + 60_000 })],
    ['a trading book', refBook({ role: 'trading' })],
    ['of another market', refBook({ market: 'atom-usdt' })],
  ])('treats a book %s as no mainnet book', (_, book) => {
    expect(freshReferenceBook(book, 'inj-usdt', NOW, MAX_AGE)).toBeUndefined();
  });

  it('still takes a book exactly at the max age', () => {
    expect(freshReferenceBook(refBook({ ts: NOW - MAX_AGE }), 'inj-usdt', NOW, MAX_AGE)?.ts).toBe(NOW - MAX_AGE);
  });
});

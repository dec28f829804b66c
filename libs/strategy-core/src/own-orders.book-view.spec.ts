import type { OwnOrder } from './own-order.model';
import { ownOrdersOnBook, type BookView } from './own-orders.book-view';

const order = (hash: string, side: OwnOrder['side'], price: string, quantity: string, height: number | null, createdAtMs = 1): OwnOrder => ({
  orderHash: hash,
  side,
  price,
  quantity,
  createdAtMs,
  height,
});
const book = (bids: [string, string][], asks: [string, string][], height = 100): BookView => ({
  bids: bids.map(([price, quantity]) => ({ price, quantity })),
  asks: asks.map(([price, quantity]) => ({ price, quantity })),
  height,
});
const summary = (orders: OwnOrder[]) => orders.map((o) => `${o.orderHash}:${String(o.quantity)}`);

describe('ownOrdersOnBook', () => {
  it('drops an order whose price level the book no longer carries (eaten by takers)', () => {
    const own = [order('b1', 'buy', '24.99', '1', 90), order('b2', 'buy', '24.98', '1', 90), order('a1', 'sell', '25.01', '1', 90)];
    const seen = ownOrdersOnBook(own, book([['24.98', '1']], [['25.01', '1']]));
    expect(summary(seen)).toEqual(['b2:1', 'a1:1']);
  });

  it('takes a level’s shortfall off its oldest order first (time priority), and leaves the rest', () => {
    const own = [order('new', 'sell', '25.01', '2', 95, 20), order('old', 'sell', '25.01', '2', 90, 10)];
    expect(summary(ownOrdersOnBook(own, book([], [['25.01', '3']])))).toEqual(['new:2', 'old:1']);
    expect(summary(ownOrdersOnBook(own, book([], [['25.01', '1.5']])))).toEqual(['new:1.5']);
  });

  it('keeps an order the book has not caught up with: included after the book’s height, or height unknown', () => {
    const own = [order('later', 'buy', '24.99', '1', 101), order('unknown', 'buy', '24.97', '1', null)];
    expect(summary(ownOrdersOnBook(own, book([['24.5', '1']], [['25.01', '1']], 100)))).toEqual(['later:1', 'unknown:1']);
  });

  it('keeps orders deeper than the snapshot’s deepest level (the feed reads a limited number of levels)', () => {
    const own = [order('deep', 'buy', '24.00', '1', 90), order('deepask', 'sell', '26.00', '1', 90)];
    expect(summary(ownOrdersOnBook(own, book([['24.9', '5']], [['25.1', '5']])))).toEqual(['deep:1', 'deepask:1']);
  });

  it('drops every judged order of a side the book shows empty', () => {
    const own = [order('a1', 'sell', '25.01', '1', 90), order('a2', 'sell', '26', '1', 90), order('b1', 'buy', '24.9', '1', 90)];
    expect(summary(ownOrdersOnBook(own, book([['24.9', '1']], [])))).toEqual(['b1:1']);
  });

  it('never adds: others’ quantity at a price hides a fill rather than inventing one', () => {
    const own = [order('b1', 'buy', '24.99', '1', 90)];
    expect(summary(ownOrdersOnBook(own, book([['24.99', '7']], [])))).toEqual(['b1:1']);
  });

  it('matches prices numerically (the store and the feed may write them differently)', () => {
    const own = [order('b1', 'buy', '24.990', '1.50', 90)];
    expect(summary(ownOrdersOnBook(own, book([['24.99', '1.5']], [])))).toEqual(['b1:1.50']);
  });
});

import fc from 'fast-check';
import { Dec, type Side } from '@mirrorbook/market';
import type { BookOrder } from './book-order.model';
import { OrderBook } from './order.book';

function bookOrder(side: Side, ticks: number, seq: number, quantity = 1): BookOrder {
  return {
    hash: `h${seq}`,
    cid: '',
    marketId: 'm',
    subaccountId: 's',
    side,
    price: new Dec(ticks).div(1000),
    key: BigInt(ticks),
    quantity: new Dec(quantity),
    fillable: new Dec(quantity),
    margin: null,
    marginHeld: new Dec(0),
    reduceOnly: false,
    seq,
    createdHeight: 1,
  };
}

describe('OrderBook', () => {
  it("counts its own sequence: one per insert, removal, consumed run of orders or in-place fill, none for a miss or a read", () => {
    const book = new OrderBook();
    const a = bookOrder('buy', 10, 1);
    book.insert(a);
    book.insert(bookOrder('sell', 12, 2));
    expect(book.sequence).toBe(2);
    book.levels('buy', 5);
    expect(book.remove(bookOrder('buy', 9, 3))).toBe(false);
    expect(book.sequence).toBe(2);
    book.changed();
    book.remove(a);
    book.dropBest('sell', 1);
    book.dropBest('sell', 0);
    expect(book.sequence).toBe(5);
  });

  it('keeps each side in price-time priority through any inserts and removals', () => {
    const op = fc.record({ side: fc.constantFrom<Side>('buy', 'sell'), ticks: fc.integer({ min: 1, max: 20 }), remove: fc.boolean() });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const book = new OrderBook();
        const live: BookOrder[] = [];
        ops.forEach((o, seq) => {
          if (o.remove && live.length > 0) {
            const victim = live.splice(o.ticks % live.length, 1)[0]!;
            if (!book.remove(victim)) throw new Error('resting order not found');
          } else {
            const order = bookOrder(o.side, o.ticks, seq);
            book.insert(order);
            live.push(order);
          }
        });
        for (const side of ['buy', 'sell'] as const) {
          const expected = live
            .filter((o) => o.side === side)
            .sort((a, b) => (a.key === b.key ? a.seq - b.seq : side === 'buy' ? Number(b.key - a.key) : Number(a.key - b.key)));
          expect(book.side(side).map((o) => o.hash)).toEqual(expected.map((o) => o.hash));
        }
      }),
    );
  });

  describe('when several orders share a price', () => {
    it('reports one level with their summed quantity', () => {
      const book = new OrderBook();
      book.insert(bookOrder('sell', 1001, 1, 2));
      book.insert(bookOrder('sell', 1000, 2, 1));
      book.insert(bookOrder('sell', 1001, 3, 5));
      expect(book.levels('sell', 0).map((l) => [l.price.toFixed(), l.quantity.toFixed()])).toEqual([
        ['1', '1'],
        ['1.001', '7'],
      ]);
      expect(book.levels('sell', 1)).toHaveLength(1);
    });
  });

  it('reports false when removing an order it does not hold', () => {
    const book = new OrderBook();
    book.insert(bookOrder('buy', 5, 1));
    expect(book.remove(bookOrder('buy', 5, 2))).toBe(false);
  });
});

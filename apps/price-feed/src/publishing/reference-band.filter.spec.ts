import fc from 'fast-check';
import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';
import type { ValidBook } from '../validation/book.validator';
import { REF_BOOK_BAND_PCT, withinBand } from './reference-band.filter';

const levels = (...prices: string[]) => prices.map((price) => ({ price: new Dec(price), quantity: new Dec('1') }));
const prices = (book: ValidBook) => ({ bids: book.bids.map((l) => l.price.toFixed()), asks: book.asks.map((l) => l.price.toFixed()) });

describe('withinBand', () => {
  describe('when the book has both sides (mid 100.1, 5 % = 5.005)', () => {
    const book = { bids: levels('100', '97', '95.095', '95.094', '90'), asks: levels('100.2', '103', '105.105', '105.106', '110') };

    it('keeps the levels within 5 % of the mid, the bounds included, and drops the rest', () => {
      expect(prices(withinBand(book, REF_BOOK_BAND_PCT))).toEqual({ bids: ['100', '97', '95.095'], asks: ['100.2', '103', '105.105'] });
    });

    it('keeps the quantities of the levels it keeps', () => {
      const thick = { bids: [{ price: new Dec('100'), quantity: new Dec('12.345678901234567891') }], asks: levels('100.2') };
      expect(withinBand(thick, REF_BOOK_BAND_PCT).bids[0].quantity.toFixed()).toBe('12.345678901234567891');
    });
  });

  describe('when one side is empty', () => {
    it('measures from the best price of the other side', () => {
      expect(prices(withinBand({ bids: [], asks: levels('10', '10.5', '10.51') }, REF_BOOK_BAND_PCT))).toEqual({ bids: [], asks: ['10', '10.5'] });
    });
  });

  it('leaves an empty book empty', () => {
    expect(withinBand({ bids: [], asks: [] }, REF_BOOK_BAND_PCT)).toEqual({ bids: [], asks: [] });
  });

  it('keeps exactly the levels within the band, a prefix of each side (any book)', () => {
    // levels as integer ticks of 0.01 around 100: bids below 100, asks above it
    const side = fc.uniqueArray(fc.integer({ min: 1, max: 2000 }), { maxLength: 30 });
    fc.assert(
      fc.property(side, side, (down, up) => {
        const book = {
          bids: levels(...[...down].sort((a, b) => a - b).map((t) => new Dec(100).minus(new Dec(t).times('0.01')).toFixed())),
          asks: levels(...[...up].sort((a, b) => a - b).map((t) => new Dec(100).plus(new Dec(t).times('0.01')).toFixed())),
        };
        const band = withinBand(book, REF_BOOK_BAND_PCT);
        const bid = book.bids[0]?.price;
        const ask = book.asks[0]?.price;
        const mid = bid && ask ? bid.plus(ask).dividedBy(2) : (bid ?? ask);
        if (!mid) return band.bids.length === 0 && band.asks.length === 0;
        const inBand = (p: Decimal) => p.minus(mid).abs().times(100).lessThanOrEqualTo(mid.times(REF_BOOK_BAND_PCT));
        return (['bids', 'asks'] as const).every(
          (s) => band[s].every((l, i) => l === book[s][i]) && book[s].every((l, i) => inBand(l.price) === i < band[s].length),
        );
      }),
    );
  });
});

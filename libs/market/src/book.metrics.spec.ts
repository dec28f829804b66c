import fc from 'fast-check';
import {
  bestPrices,
  Dec,
  bookSpread,
  DEPTH_BANDS_PCT,
  depthBand,
  depthWithin,
  midPrice,
  priceGapPct,
  sideDepth,
  type BookSides,
} from '@mirrorbook/market';
import { isInDepthBand } from './book.metrics';
import { InvalidAmountError } from './invalid-amount.error';

const level = (price: string, quantity: string) => ({ price, quantity });
const fixed = (d: { toFixed(): string } | null) => d?.toFixed() ?? null;

/** INJ/USDT around 25: best bid 24.99, best ask 25.01. */
const injBook: BookSides = {
  bids: [level('24.99', '10'), level('24.5', '20'), level('23.9', '30'), level('22', '100')],
  asks: [level('25.01', '5'), level('25.4', '15'), level('26.2', '25'), level('30', '100')],
};

const empty: BookSides = { bids: [], asks: [] };

describe('mid and spread', () => {
  describe('of a two-sided book', () => {
    it('takes the mid of the best bid and ask, exactly', () => {
      expect(fixed(midPrice(injBook))).toBe('25');
      expect(fixed(bestPrices(injBook).bestBid)).toBe('24.99');
      expect(fixed(bestPrices(injBook).bestAsk)).toBe('25.01');
    });

    it('gives the spread in quote units and in bps of the mid', () => {
      const spread = bookSpread(injBook);
      expect(fixed(spread?.absolute ?? null)).toBe('0.02');
      expect(fixed(spread?.bps ?? null)).toBe('8');
    });

    it('rounds a spread in bps that does not terminate to 40 significant digits', () => {
      const spread = bookSpread({ bids: [level('1', '1')], asks: [level('2', '1')] });
      expect(fixed(spread?.bps ?? null)).toBe(`6666.${'6'.repeat(35)}7`);
    });
  });

  describe('when the levels are not sorted', () => {
    it('still finds the highest bid and the lowest ask', () => {
      const shuffled: BookSides = { bids: [level('24.5', '1'), level('24.99', '1'), level('22', '1')], asks: [level('30', '1'), level('25.01', '1')] };
      expect(fixed(bestPrices(shuffled).bestBid)).toBe('24.99');
      expect(fixed(bestPrices(shuffled).bestAsk)).toBe('25.01');
      expect(fixed(midPrice(shuffled))).toBe('25');
    });
  });

  describe('when the book is crossed', () => {
    it('reports a negative spread', () => {
      const crossed: BookSides = { bids: [level('25.1', '1')], asks: [level('24.9', '1')] };
      expect(fixed(bookSpread(crossed)?.absolute ?? null)).toBe('-0.2');
      expect(fixed(bookSpread(crossed)?.bps ?? null)).toBe('-80');
    });
  });

  describe('when one side is empty', () => {
    const bidsOnly: BookSides = { bids: injBook.bids, asks: [] };

    it('has a best price on that side only, no mid and no spread', () => {
      expect(fixed(bestPrices(bidsOnly).bestBid)).toBe('24.99');
      expect(bestPrices(bidsOnly).bestAsk).toBeNull();
      expect(midPrice(bidsOnly)).toBeNull();
      expect(bookSpread(bidsOnly)).toBeNull();
    });
  });

  describe('when the book is empty', () => {
    it('has no best prices, no mid and no spread', () => {
      expect(bestPrices(empty)).toEqual({ bestBid: null, bestAsk: null });
      expect(midPrice(empty)).toBeNull();
      expect(bookSpread(empty)).toBeNull();
    });
  });
});

describe('depthBand', () => {
  it('spans reference × (1 ∓ pct/100), exactly', () => {
    const band = depthBand('25', '2');
    expect([band.low, band.high, band.referenceMid, band.withinPct].map((d) => d.toFixed())).toEqual(['24.5', '25.5', '25', '2']);
    // 42 significant digits: beyond Dec's 40, so no rounding step on the way
    const odd = depthBand('0.123456789012345678901234567890123456789', '1.5');
    expect(odd.low.toFixed()).toBe('0.121604937177160493717716049371771604937165');
    expect(odd.high.toFixed()).toBe('0.125308640847530864084753086408475308640835');
  });

  it('includes both edges and nothing beyond them', () => {
    const band = depthBand('25', '2');
    expect(isInDepthBand('24.5', band)).toBe(true);
    expect(isInDepthBand('25.5', band)).toBe(true);
    expect(isInDepthBand('24.499999999999999999', band)).toBe(false);
    expect(isInDepthBand('25.500000000000000001', band)).toBe(false);
  });

  it('is the reference price alone at 0 %', () => {
    const band = depthBand('25', 0);
    expect(isInDepthBand('25', band)).toBe(true);
    expect(isInDepthBand('25.0000001', band)).toBe(false);
  });

  it('refuses a reference that is not > 0 and a negative percentage', () => {
    expect(() => depthBand('0', '1')).toThrow(expect.objectContaining({ code: 'NOT_POSITIVE', argument: 'referenceMid' }));
    expect(() => depthBand('-25', '1')).toThrow(InvalidAmountError);
    expect(() => depthBand('25', '-1')).toThrow(expect.objectContaining({ code: 'NEGATIVE', argument: 'withinPct' }));
    expect(() => depthBand('Infinity', '1')).toThrow(expect.objectContaining({ code: 'NOT_FINITE' }));
  });
});

describe('depthWithin', () => {
  it('reports in the bands 1, 2 and 5 %', () => {
    expect(DEPTH_BANDS_PCT).toEqual(['1', '2', '5']);
  });

  describe('within 2 % of a reference of 25 (24.5 … 25.5)', () => {
    const depth = depthWithin(injBook, '25', 2);

    it('counts the levels inside the band on each side, the band edges included', () => {
      expect([depth.bids.levels, depth.asks.levels, depth.both.levels]).toEqual([2, 2, 4]);
    });

    it('measures depth as quote notional (Σ price × quantity), exactly', () => {
      expect(depth.bids.quoteNotional.toFixed()).toBe('739.9');
      expect(depth.asks.quoteNotional.toFixed()).toBe('506.05');
      expect(depth.both.quoteNotional.toFixed()).toBe('1245.95');
    });

    it('also sums the base quantity, under its own name', () => {
      expect(depth.bids.baseQuantity.toFixed()).toBe('30');
      expect(depth.asks.baseQuantity.toFixed()).toBe('20');
      expect(depth.both.baseQuantity.toFixed()).toBe('50');
    });
  });

  describe('around a reference of 100 in the bands 1, 2 and 5 %', () => {
    const book: BookSides = {
      bids: [level('99.5', '1.5'), level('99', '2'), level('98', '3'), level('94.9', '10')],
      asks: [level('100.5', '0.25'), level('101', '1'), level('102.01', '4'), level('105', '7')],
    };
    const rows = DEPTH_BANDS_PCT.map((pct) => {
      const d = depthWithin(book, '100', pct);
      return [pct, d.bids.levels, d.asks.levels, d.bids.baseQuantity.toFixed(), d.asks.baseQuantity.toFixed(), d.bids.quoteNotional.toFixed(), d.asks.quoteNotional.toFixed()];
    });

    it('takes 99 and 101 at 1 %, 98 at 2 %, 105 at 5 %, and leaves 102.01 out of 2 %', () => {
      expect(rows).toEqual([
        ['1', 2, 2, '3.5', '1.25', '347.25', '126.125'],
        ['2', 3, 2, '6.5', '1.25', '641.25', '126.125'],
        ['5', 3, 4, '6.5', '12.25', '641.25', '1269.165'],
      ]);
    });
  });

  describe('when the book sits above the reference', () => {
    // bids 25.4 … 24.5 and asks 25.6 … 26.5 around a mainnet mid of 25: 1 % = [24.75, 25.25]
    const book: BookSides = {
      bids: Array.from({ length: 10 }, (_, i) => level((25.4 - i * 0.1).toFixed(1), '2')),
      asks: Array.from({ length: 10 }, (_, i) => level((25.6 + i * 0.1).toFixed(1), '3')),
    };

    it('does not count bids priced above the band, nor asks below it', () => {
      const d = depthWithin(book, '25', 1);
      expect([d.bids.levels, d.bids.baseQuantity.toFixed(), d.bids.quoteNotional.toFixed()]).toEqual([5, '10', '250']);
      expect([d.asks.levels, d.asks.quoteNotional.toFixed()]).toEqual([0, '0']);
    });

    it('finds none of a book entirely beyond the band', () => {
      const far: BookSides = { bids: [level('29.9', '10')], asks: [level('30.1', '10')] };
      const d = depthWithin(far, '25', 5);
      expect(d.both.levels).toBe(0);
      expect(d.both.quoteNotional.isZero()).toBe(true);
    });
  });

  describe('with amounts that floats or 40 digits would get wrong', () => {
    it('sums exactly', () => {
      const d = depthWithin({ bids: [level('1', '0.1'), level('1', '0.2')], asks: [] }, '1', '1');
      expect(d.bids.baseQuantity.toFixed()).toBe('0.3');
      expect(d.bids.quoteNotional.toFixed()).toBe('0.3');
    });

    it('keeps every digit of a notional product', () => {
      const d = sideDepth([level('12345.123456789012345678', '98765.4321098765432109876')], depthBand('12345', '1'));
      expect(d.quoteNotional.toFixed()).toBe('1219271452.6595396281190755296750370523389715928');
    });
  });

  describe('with only one side', () => {
    it('reports the other side as zero', () => {
      const d = depthWithin({ bids: [], asks: injBook.asks }, '25', 2);
      expect([d.bids.levels, d.bids.quoteNotional.toFixed(), d.bids.baseQuantity.toFixed()]).toEqual([0, '0', '0']);
      expect(d.asks.quoteNotional.toFixed()).toBe('506.05');
      expect(d.both.quoteNotional.toFixed()).toBe('506.05');
    });
  });

  describe('with an empty book', () => {
    it('reports zero levels, zero notional and zero quantity', () => {
      const d = depthWithin(empty, '25', 5);
      for (const side of [d.bids, d.asks, d.both]) {
        expect([side.levels, side.quoteNotional.toFixed(), side.baseQuantity.toFixed()]).toEqual([0, '0', '0']);
      }
    });
  });

  describe('with an unusable level', () => {
    it('refuses a negative quantity or a price that is not finite', () => {
      expect(() => depthWithin({ bids: [level('25', '-1')], asks: [] }, '25', 1)).toThrow(expect.objectContaining({ code: 'NEGATIVE', argument: 'level.quantity' }));
      expect(() => depthWithin({ bids: [level('NaN', '1')], asks: [] }, '25', 1)).toThrow(expect.objectContaining({ code: 'NOT_FINITE', argument: 'level.price' }));
    });
  });

  it('never shrinks when the band widens, and both sides add up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (a, b) => {
        const [narrow, wide] = a <= b ? [a, b] : [b, a];
        const n = depthWithin(injBook, '25', narrow / 100);
        const w = depthWithin(injBook, '25', wide / 100);
        return (
          w.both.levels >= n.both.levels &&
          w.bids.quoteNotional.gte(n.bids.quoteNotional) &&
          w.asks.quoteNotional.gte(n.asks.quoteNotional) &&
          w.both.quoteNotional.eq(w.bids.quoteNotional.add(w.asks.quoteNotional))
        );
      }),
    );
  });
});

describe('priceGapPct', () => {
  it('is signed: a testnet mid above mainnet is a positive gap', () => {
    expect(priceGapPct(new Dec('28.75'), new Dec('25'))?.toFixed()).toBe('15');
    expect(priceGapPct('24', '25')?.toFixed()).toBe('-4');
  });

  it('is exact for prices far below one', () => {
    expect(priceGapPct('0.000000000000002', '0.000000000000001')?.toFixed()).toBe('100');
  });

  it('is unknown without both prices or with a zero reference', () => {
    expect(priceGapPct(null, new Dec('25'))).toBeNull();
    expect(priceGapPct(new Dec('25'), null)).toBeNull();
    expect(priceGapPct(new Dec('25'), new Dec(0))).toBeNull();
  });
});

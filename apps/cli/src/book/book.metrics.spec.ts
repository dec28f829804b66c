import fc from 'fast-check';
import { Dec } from '@mirrorbook/market';
import { depthWithin, gapPercent, midPrice, spreadPercent, type Book } from './book.metrics';

const level = (price: string, quantity: string) => ({ price: new Dec(price), quantity: new Dec(quantity) });

/** INJ/USDT around 25: best bid 24.99, best ask 25.01. */
const book: Book = {
  bids: [level('24.99', '10'), level('24.5', '20'), level('23.9', '30'), level('22', '100')],
  asks: [level('25.01', '5'), level('25.4', '15'), level('26.2', '25'), level('30', '100')],
};

describe('midPrice and spreadPercent', () => {
  it('takes the mid of the best bid and ask', () => {
    expect(midPrice(book)?.toFixed()).toBe('25');
  });

  it('gives the spread as a percentage of the mid, exactly', () => {
    expect(spreadPercent(book)?.toFixed()).toBe('0.08');
  });

  describe('when a side is empty', () => {
    const oneSided: Book = { bids: book.bids, asks: [] };

    it('has no mid and no spread', () => {
      expect(midPrice(oneSided)).toBeNull();
      expect(spreadPercent(oneSided)).toBeNull();
    });
  });
});

describe('gapPercent', () => {
  it('is signed: a testnet mid above mainnet is a positive gap', () => {
    expect(gapPercent(new Dec('28.75'), new Dec('25'))?.toFixed()).toBe('15');
    expect(gapPercent(new Dec('24'), new Dec('25'))?.toFixed()).toBe('-4');
  });

  it('is unknown without both prices', () => {
    expect(gapPercent(null, new Dec('25'))).toBeNull();
    expect(gapPercent(new Dec('25'), null)).toBeNull();
    expect(gapPercent(new Dec('25'), new Dec(0))).toBeNull();
  });
});

describe('depthWithin', () => {
  describe('within 2 % of a reference of 25 (24.5 … 25.5)', () => {
    const depth = depthWithin(book, new Dec('25'), 2);

    it('counts the levels inside the band on each side, the band edges included', () => {
      expect(depth.bidQuantity.toFixed()).toBe('30');
      expect(depth.askQuantity.toFixed()).toBe('20');
      expect(depth.levels).toBe(4);
    });

    it('sums the notional exactly in quote units', () => {
      expect(depth.bidNotional.toFixed()).toBe('739.9');
      expect(depth.askNotional.toFixed()).toBe('506.05');
    });
  });

  describe('when the testnet book sits 20 % above the reference', () => {
    const far: Book = { bids: [level('29.9', '10')], asks: [level('30.1', '10')] };

    it('finds no depth near the reference', () => {
      expect(depthWithin(far, new Dec('25'), 5).levels).toBe(0);
      expect(depthWithin(far, new Dec('25'), 5).bidNotional.isZero()).toBe(true);
    });
  });

  it('never shrinks when the band widens', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), (a, b) => {
        const [narrow, wide] = a <= b ? [a, b] : [b, a];
        const n = depthWithin(book, new Dec('25'), narrow);
        const w = depthWithin(book, new Dec('25'), wide);
        return w.levels >= n.levels && w.bidNotional.gte(n.bidNotional) && w.askNotional.gte(n.askNotional);
      }),
    );
  });
});

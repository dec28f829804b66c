import { Dec } from '@mirrorbook/market';
import type { Book } from '../book/book.metrics';
import { compareBooks, exceedsMaxGap } from './market.comparison';

const level = (price: string, quantity: string) => ({ price: new Dec(price), quantity: new Dec(quantity) });

const mainnet: Book = {
  bids: [level('24.99', '100'), level('24.8', '200'), level('24', '500')],
  asks: [level('25.01', '100'), level('25.2', '200'), level('26', '500')],
};

describe('compareBooks', () => {
  describe('when testnet sits 10 % above mainnet with a thin book', () => {
    const testnet: Book = { bids: [level('27.4', '1')], asks: [level('27.6', '1')] };
    const result = compareBooks(mainnet, testnet);

    it('reports a +10 % gap', () => {
      expect(result.gapPct?.toFixed()).toBe('10');
    });

    it('measures testnet depth around the mainnet mid, where it has none', () => {
      expect(result.trading.depth.map((d) => [d.band.withinPct.toFixed(), d.both.levels])).toEqual([
        ['1', 0],
        ['2', 0],
        ['5', 0],
      ]);
    });

    it('reports mainnet depth per band', () => {
      expect(result.reference.depth.map((d) => d.both.levels)).toEqual([4, 4, 6]);
      expect(result.reference.spreadPct?.toFixed()).toBe('0.08');
    });
  });

  describe('when the testnet book is empty', () => {
    const result = compareBooks(mainnet, { bids: [], asks: [] });

    it('has no gap, no mid, and zero levels', () => {
      expect(result.gapPct).toBeNull();
      expect(result.trading.mid).toBeNull();
      expect(result.trading.bidLevels + result.trading.askLevels).toBe(0);
    });
  });
});

describe('exceedsMaxGap', () => {
  it('fails a gap whose magnitude is above the limit, in either direction', () => {
    expect(exceedsMaxGap(new Dec('-5.01'), new Dec('5'))).toBe(true);
    expect(exceedsMaxGap(new Dec('5.01'), new Dec('5'))).toBe(true);
  });

  it('passes a gap at the limit', () => {
    expect(exceedsMaxGap(new Dec('5'), new Dec('5'))).toBe(false);
  });

  it('fails an unknown gap when a limit is set, and nothing without a limit', () => {
    expect(exceedsMaxGap(null, new Dec('5'))).toBe(true);
    expect(exceedsMaxGap(null, undefined)).toBe(false);
    expect(exceedsMaxGap(new Dec('80'), undefined)).toBe(false);
  });
});

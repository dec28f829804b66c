import { bookQuality, trackingErrorBps, type BookQuality } from './book.quality';
import type { BookSides } from './book.metrics';
import { InvalidAmountError } from './invalid-amount.error';

const level = (price: string, quantity: string) => ({ price, quantity });
const str = (d: { toFixed(): string } | null) => (d === null ? null : d.toFixed());

/** Each band as strings: [bandBps, testnet bids/asks, mainnet bids/asks, ratio bids/asks]. */
function depthRows(q: BookQuality) {
  return q.depth.map((b) => [
    b.bandBps,
    b.testnet && [str(b.testnet.bids), str(b.testnet.asks)],
    b.mainnet && [str(b.mainnet.bids), str(b.mainnet.asks)],
    [str(b.ratio.bids), str(b.ratio.asks)],
  ]);
}

// Mainnet: mid (999 + 1001) / 2 = 1000, spread 2 / 1000 = 20 bps; ten units a level.
const MAINNET: BookSides = {
  bids: [level('999', '10'), level('995', '10'), level('980', '10')],
  asks: [level('1001', '10'), level('1005', '10'), level('1020', '10')],
};
// Testnet: mid (997 + 1003) / 2 = 1000, spread 6 / 1000 = 60 bps; nothing within 25 bps, a level
// at 900 (1000 bps) outside every band.
const TESTNET: BookSides = {
  bids: [level('997', '2'), level('980', '1'), level('900', '5')],
  asks: [level('1003', '2'), level('1020', '1')],
};

describe('bookQuality', () => {
  describe('when both books have two sides', () => {
    const q = bookQuality(TESTNET, MAINNET, { depthScale: '0.1' });

    it('measures each spread in bps of its own mid and their ratio', () => {
      // testnet 60 bps, mainnet 20 bps, 60 / 20 = 3; both mids are 1000: no tracking error
      expect([str(q.testnetSpreadBps), str(q.mainnetSpreadBps), str(q.spreadRatio), str(q.trackingErrorBps)]).toEqual(['60', '20', '3', '0']);
    });

    it('sums quote depth per side within 10…500 bps of each mid and divides testnet by mainnet × depthScale', () => {
      // bands around 1000: 10 bps [999, 1001], 25 [997.5, 1002.5], 50 [995, 1005], 100 [990, 1010],
      // 200 [980, 1020], 500 [950, 1050] (edges included)
      // testnet 50 bps: bids 997 × 2 = 1994, asks 1003 × 2 = 2006; 200 bps adds 980 × 1 and 1020 × 1
      // mainnet 10 bps: 999 × 10 = 9990, 1001 × 10 = 10010; 50 adds 9950 and 10050; 200 adds 9800 and 10200
      // ratios: 0 / 999 = 0 within 25 bps; 1994 / (19940 × 0.1) = 1, 2006 / (20060 × 0.1) = 1, 2974 / 2974 = 1, 3026 / 3026 = 1
      expect(depthRows(q)).toEqual([
        [10, ['0', '0'], ['9990', '10010'], ['0', '0']],
        [25, ['0', '0'], ['9990', '10010'], ['0', '0']],
        [50, ['1994', '2006'], ['19940', '20060'], ['1', '1']],
        [100, ['1994', '2006'], ['19940', '20060'], ['1', '1']],
        [200, ['2974', '3026'], ['29740', '30260'], ['1', '1']],
        [500, ['2974', '3026'], ['29740', '30260'], ['1', '1']],
      ]);
    });

    it('reads a smaller depthScale as a higher ratio', () => {
      // 1994 / (19940 × 0.05) = 2
      const band50 = bookQuality(TESTNET, MAINNET, { depthScale: '0.05' }).depth.find((b) => b.bandBps === 50)!;
      expect([str(band50.ratio.bids), str(band50.ratio.asks)]).toEqual(['2', '2']);
    });
  });

  describe('when the mids differ', () => {
    it('measures the tracking error in bps of the mainnet mid', () => {
      // testnet mid (24.92475 + 25.17525) / 2 = 25.05, spread 0.2505 / 25.05 = 100 bps
      // mainnet mid (24.99 + 25.01) / 2 = 25, spread 0.02 / 25 = 8 bps
      // tracking error |25.05 − 25| / 25 × 10 000 = 20 bps; spread ratio 100 / 8 = 12.5
      const testnet = { bids: [level('24.92475', '1')], asks: [level('25.17525', '1')] };
      const mainnet = { bids: [level('24.99', '1')], asks: [level('25.01', '1')] };
      const q = bookQuality(testnet, mainnet);
      expect([str(q.trackingErrorBps), str(q.testnetSpreadBps), str(q.mainnetSpreadBps), str(q.spreadRatio)]).toEqual(['20', '100', '8', '12.5']);
      expect(str(trackingErrorBps(testnet, mainnet))).toBe('20');
    });
  });

  describe('when a figure cannot be known', () => {
    it('gives null, not NaN, for a one-sided testnet book', () => {
      const q = bookQuality({ bids: TESTNET.bids, asks: [] }, MAINNET);
      expect([q.trackingErrorBps, q.testnetSpreadBps, q.spreadRatio]).toEqual([null, null, null]);
      expect(q.depth.every((b) => b.testnet === null && b.ratio.bids === null && b.ratio.asks === null)).toBe(true);
      expect(str(q.mainnetSpreadBps)).toBe('20');
    });

    it('gives null for an empty mainnet book', () => {
      const q = bookQuality(TESTNET, { bids: [], asks: [] });
      expect([q.trackingErrorBps, q.mainnetSpreadBps, q.spreadRatio]).toEqual([null, null, null]);
      expect(q.depth.map((b) => [b.mainnet, b.ratio.bids, b.ratio.asks])).toEqual(q.depth.map(() => [null, null, null]));
    });

    it('gives a null ratio where mainnet has no depth in a band or no spread', () => {
      // a locked mainnet book at 1000: spread 0; its only levels sit at the mid, so every band holds them
      const locked = { bids: [level('1000', '1')], asks: [level('1000', '1')] };
      expect(bookQuality(TESTNET, locked).spreadRatio).toBeNull();
      // mainnet levels 300 bps away (970 / 1030): no depth within 10…200 bps
      const far = { bids: [level('970', '1')], asks: [level('1030', '1')] };
      // within 500 bps: testnet 2974 / (970 × 1) = 3.06598… (display rounding only)
      expect(bookQuality(TESTNET, far).depth.map((b) => [b.bandBps, b.ratio.bids && b.ratio.bids.toFixed(4)])).toEqual([
        [10, null],
        [25, null],
        [50, null],
        [100, null],
        [200, null],
        [500, '3.0660'],
      ]);
    });
  });

  it('refuses a depthScale that is not > 0', () => {
    expect(() => bookQuality(TESTNET, MAINNET, { depthScale: '0' })).toThrow(InvalidAmountError);
  });
});

import {
  depthWithin,
  snapshotWeights,
  timeWeightedSpread,
  trackingError,
  twoSidedDepth,
  twoSidedUptime,
  type FidelitySnapshot,
  type Quote,
} from '../../bench/lib/fidelity.metrics';

/** A snapshot with a one-level book `bid`/`ask` (1 unit each) and the bot owning `own`. */
function snap(t: number, mainnetMid: number | null, bid: number | null, ask: number | null, own: { bids?: Quote[]; asks?: Quote[] } = {}): FidelitySnapshot {
  return {
    height: t,
    t,
    mainnetMid,
    // the mainnet book as one level a side at its mid
    mainnetBids: mainnetMid === null ? [] : [{ price: mainnetMid, quantity: 1 }],
    mainnetAsks: mainnetMid === null ? [] : [{ price: mainnetMid, quantity: 1 }],
    bids: bid === null ? [] : [{ price: bid, quantity: 1 }],
    asks: ask === null ? [] : [{ price: ask, quantity: 1 }],
    ownBids: own.bids ?? [],
    ownAsks: own.asks ?? [],
  };
}

describe('trackingError', () => {
  describe('when every snapshot has both mids', () => {
    it('is the root mean square and the max of the gaps in basis points', () => {
      // testnet mids 100.1 (10 bps off) and 99.7 (30 bps off) against a mainnet mid of 100
      const result = trackingError([snap(0, 100, 100, 100.2), snap(1, 100, 99.6, 99.8)]);
      expect(result.rmsBps).toBeCloseTo(Math.sqrt((10 ** 2 + 30 ** 2) / 2), 6);
      expect(result.maxBps).toBeCloseTo(30, 6);
      expect(result).toMatchObject({ samples: 2, missing: 0 });
    });
  });

  describe('when a side of the testnet book is empty or the mainnet mid is missing', () => {
    it('leaves those snapshots out of the RMS and counts them as missing', () => {
      const result = trackingError([snap(0, 100, 100, 100.2), snap(1, 100, null, 101), snap(2, null, 99, 101)]);
      expect(result.rmsBps).toBeCloseTo(10, 6);
      expect(result).toMatchObject({ samples: 1, missing: 2 });
    });
  });

  describe('when no snapshot has both mids', () => {
    it('is NaN with every snapshot missing', () => {
      const result = trackingError([snap(0, 100, null, null)]);
      expect(result.rmsBps).toBeNaN();
      expect(result.missing).toBe(1);
    });
  });
});

describe('snapshotWeights', () => {
  it('weighs each snapshot by the time to the next, the last by the median interval', () => {
    expect(snapshotWeights([{ t: 0 }, { t: 10 }, { t: 40 }, { t: 50 }])).toEqual([10, 30, 10, 10]);
  });

  it('gives a lone snapshot weight 1', () => {
    expect(snapshotWeights([{ t: 5 }])).toEqual([1]);
  });
});

describe('timeWeightedSpread', () => {
  describe('when the snapshots are unevenly spaced', () => {
    it('weighs each spread by how long it stood', () => {
      // 20 bps for 30 ms, 100 bps for 10 ms, 20 bps for 10 ms, then 20 bps (the last: the median gap, 10 ms)
      const snapshots = [snap(0, 100, 99.9, 100.1), snap(30, 100, 99.5, 100.5), snap(40, 100, 99.9, 100.1), snap(50, 100, 99.9, 100.1)];
      const { bps, oneSidedShare } = timeWeightedSpread(snapshots);
      expect(bps).toBeCloseTo((20 * 30 + 100 * 10 + 20 * 10 + 20 * 10) / 60, 6);
      expect(oneSidedShare).toBe(0);
    });
  });

  describe('when the book is one-sided for a while', () => {
    it('reports that share of the time instead of a spread for it', () => {
      const { bps, oneSidedShare } = timeWeightedSpread([snap(0, 100, 99.9, 100.1), snap(10, 100, null, 100.1), snap(20, 100, 99.9, 100.1)]);
      expect(bps).toBeCloseTo(20, 6);
      expect(oneSidedShare).toBeCloseTo(1 / 3, 6);
    });
  });
});

describe('depthWithin', () => {
  it('sums price × quantity on each side within the band around the centre, bounds included', () => {
    const bids = [{ price: 99, quantity: 2 }, { price: 98, quantity: 1 }, { price: 97, quantity: 5 }];
    const asks = [{ price: 101, quantity: 1 }, { price: 102, quantity: 3 }, { price: 103, quantity: 1 }];
    expect(depthWithin(bids, asks, 100, 2)).toEqual({ bid: 99 * 2 + 98, ask: 101 + 102 * 3 });
    expect(depthWithin(bids, asks, 100, 0.5)).toEqual({ bid: 0, ask: 0 });
  });
});

describe('twoSidedUptime', () => {
  const rule = { maxSpreadBps: 100, minDepth: 1000 };
  // testnet mid 100; bot quotes at 99.5 / 100.5 (50 bps away) and 98 / 102 (200 bps away)
  const near = (qty: number) => ({ bids: [{ price: 99.5, quantity: qty }], asks: [{ price: 100.5, quantity: qty }] });

  describe('when the bot quotes at least MinDepth within MaxSpread on both sides', () => {
    it('counts the snapshot', () => {
      expect(twoSidedUptime([snap(0, 100, 99.5, 100.5, near(11))], rule)).toEqual({ aggregate: 1, perOrder: 1, qualifying: 1, qualifyingPerOrder: 1, snapshots: 1 });
    });
  });

  describe('when one side is short of MinDepth', () => {
    it('does not count the snapshot', () => {
      const own = { bids: [{ price: 99.5, quantity: 11 }], asks: [{ price: 100.5, quantity: 5 }] };
      expect(twoSidedUptime([snap(0, 100, 99.5, 100.5, own)], rule).aggregate).toBe(0);
    });
  });

  describe('when the depth lies beyond MaxSpread', () => {
    it('does not count it', () => {
      const own = { bids: [{ price: 99.5, quantity: 1 }, { price: 98, quantity: 100 }], asks: [{ price: 100.5, quantity: 1 }, { price: 102, quantity: 100 }] };
      expect(twoSidedUptime([snap(0, 100, 99.5, 100.5, own)], rule).aggregate).toBe(0);
    });
  });

  describe('when the testnet book has no mid', () => {
    it('counts the time it held as down', () => {
      // 10 ms up, then 30 ms without a mid, then up for the median interval (30 ms): 40 of 70 ms
      const snapshots = [snap(0, 100, 99.5, 100.5, near(11)), snap(10, 100, null, 100.5, near(11)), snap(40, 100, 99.5, 100.5, near(11))];
      const uptime = twoSidedUptime(snapshots, rule);
      expect(uptime).toMatchObject({ qualifying: 2, qualifyingPerOrder: 2, snapshots: 3 });
      expect(uptime.aggregate).toBeCloseTo(4 / 7, 12);
      expect(uptime.perOrder).toBeCloseTo(4 / 7, 12);
    });
  });

  describe('under the per-order rule (OLP literal rule)', () => {
    it('needs one order of MinDepth itself, not the sum of smaller ones', () => {
      const own = { bids: [{ price: 99.5, quantity: 6 }, { price: 99.6, quantity: 6 }], asks: [{ price: 100.5, quantity: 11 }] };
      expect(twoSidedUptime([snap(0, 100, 99.5, 100.5, own)], rule)).toMatchObject({ aggregate: 1, perOrder: 0 });
      expect(twoSidedUptime([snap(0, 100, 99.5, 100.5, near(11))], rule)).toMatchObject({ aggregate: 1, perOrder: 1 });
    });
  });
});

describe('twoSidedDepth', () => {
  it('is the thinner side of the bot\'s notional within MaxSpread of the testnet mid', () => {
    const own = { bids: [{ price: 99.5, quantity: 4 }, { price: 98, quantity: 100 }], asks: [{ price: 100.5, quantity: 2 }, { price: 100.9, quantity: 1 }] };
    expect(twoSidedDepth(snap(0, 100, 99.5, 100.5, own), 100)).toBeCloseTo(100.5 * 2 + 100.9, 6);
  });

  it('is 0 when the testnet book has no mid', () => {
    expect(twoSidedDepth(snap(0, 100, null, 100.5, { asks: [{ price: 100.5, quantity: 20 }] }), 100)).toBe(0);
  });
});

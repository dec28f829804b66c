import { FEE_HEADER, feeNote, feeRows } from '../../scripts/fidelity/fidelity.report';
import { progressLine, type FidelityFees, type FidelityOptions } from '../../scripts/fidelity/fidelity.runner';

const FEES: FidelityFees = {
  window: { from: 173, to: 1892 },
  blocks: 1720,
  chainSeconds: 1204,
  wallets: [
    { wallet: 'w1', txs: 150, failedTxs: 2, feesInj: '0.06675', injPerDay: '4.789950166112956810631229' },
    { wallet: 'w2', txs: 70, failedTxs: 0, feesInj: '0.02', injPerDay: '1.435215946843853820598007' },
  ],
  warmup: [
    { wallet: 'w1', txs: 40, failedTxs: 0, feesInj: '0.031', injPerDay: '22' },
    { wallet: 'w2', txs: 20, failedTxs: 0, feesInj: '0.012', injPerDay: '8' },
  ],
};
const MARKETS = [
  { market: 'inj-usdt', wallets: ['w1'] },
  { market: 'atom-usdt', wallets: ['w1'] },
  { market: 'inj-usdt-perp', wallets: ['w2'] },
];
const options = (blocksPerCandle: number) => ({ blocksPerCandle, blockMs: 700 }) as Omit<FidelityOptions, 'log'>;

describe('feeRows', () => {
  it("shows each wallet's markets, txs (failed), INJ spent, INJ/day and the warm-up's cost", () => {
    expect(FEE_HEADER).toHaveLength(6);
    expect(feeRows(FEES, MARKETS)).toEqual([
      ['w1', 'inj-usdt, atom-usdt', '150 (2)', '0.0668', '4.79', '40, 0.0310'],
      ['w2', 'inj-usdt-perp', '70 (0)', '0.0200', '1.44', '20, 0.0120'],
    ]);
  });
});

describe('feeNote', () => {
  describe('at real time scale (86 blocks of 700 ms per 60 s candle)', () => {
    it('gives the window, its chain time and no warning', () => {
      const note = feeNote({ fees: FEES, options: options(86), candleIntervalS: 60 });
      expect(note).toContain('blocks 173–1892 (1720 blocks × 700 ms = 1204 s of chain time)');
      expect(note).toContain('at real time scale');
    });
  });

  describe('over more than an hour of chain time', () => {
    it('gives it in hours', () => {
      expect(feeNote({ fees: { ...FEES, blocks: 10_320, chainSeconds: 7224 }, options: options(86), candleIntervalS: 60 })).toContain('(10320 blocks × 700 ms = 2.01 h of chain time)');
    });
  });

  describe('faster than recorded', () => {
    it('says INJ/day holds only at real time scale', () => {
      expect(feeNote({ fees: FEES, options: options(5), candleIntervalS: 60 })).toContain('at 17.1× the recorded pace the bots see 17.1× the price moves per block, so INJ/day holds only at real time scale (86 blocks per 60 s candle)');
    });
  });

  describe('for a report written before fees were measured', () => {
    it('says so', () => {
      expect(feeNote({ fees: undefined, options: options(5), candleIntervalS: 60 })).toMatch(/not measured/);
    });
  });
});

describe('progressLine', () => {
  const at = { startHeight: 173, endHeight: 1892, blocksPerCandle: 86, firstHeight: 173 };

  it('gives the candle and the time left at the pace since the first snapshot', () => {
    // 100 blocks in 80 s: 0.8 s a block, 792 blocks left
    expect(progressLine({ ...at, taken: 50, height: 1100, msSoFar: 80_000, firstHeight: 1000 })).toBe('fidelity: 50 snapshots, height 1100 of 1892 (candle 11 of 20), ≈ 10 min 34 s left');
  });

  it('leaves the time out before a block has passed', () => {
    expect(progressLine({ ...at, taken: 1, height: 173, msSoFar: 0 })).toBe('fidelity: 1 snapshots, height 173 of 1892 (candle 1 of 20)');
  });
});

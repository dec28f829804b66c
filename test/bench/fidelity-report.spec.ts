import { FEE_HEADER, feeNote, feeRows, qualityRows } from '../../scripts/fidelity/fidelity.report';
import { progressLine, summarize, type FidelityFees, type FidelityOptions, type RunSnapshot } from '../../scripts/fidelity/fidelity.runner';

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

describe('summarize: the md.quality figures of a run', () => {
  // mainnet mid 100, spread 10 bps; testnet mid 100.5, spread 20 bps, twice the quantity; the bot's bids reach 4 000 only together
  const snapshot = (t: number): RunSnapshot => ({
    height: t, t, mainnetMid: 100,
    mainnetBids: [{ price: '99.95', quantity: '10' }], mainnetAsks: [{ price: '100.05', quantity: '10' }],
    bids: [{ price: '100.3995', quantity: '20' }], asks: [{ price: '100.6005', quantity: '20' }],
    ownBids: [{ price: '100', quantity: '25' }, { price: '100.4', quantity: '20' }], ownAsks: [{ price: '101', quantity: '40' }],
  });
  const summary = summarize([snapshot(0), snapshot(1000)], { minDepth: 1000, maxSpreadBps: 100, blocksPerCandle: 5 }, 60, 0, 'inj-usdt');

  it('takes them with libs/market at the market\'s OLP rule and MinDepth 4000', () => {
    expect(summary.quality).toMatchObject({ spreadRatio: '2', rule: { maxSpreadBps: '100', minDepth: '4000' }, uptimePct: { aggregate: '100', perOrder: '0' } });
    expect(summary.quality?.depthRatio.map((b) => b.bandBps)).toEqual([10, 25, 50, 100, 200, 500]);
    expect(summary.trackingError).toMatchObject({ rmsBps: 50, maxBps: 50, samples: 2, missing: 0 });
  });

  it('reports them as rows beside the old columns', () => {
    const rows = qualityRows(summary.quality!);
    expect(rows[0]).toEqual(['spread ratio (testnet ÷ mainnet)', '2.000', '—', expect.stringContaining('time-weighted')]);
    expect(rows[1]?.slice(0, 2)).toEqual(['depth ratio within 10 bps (bid / ask)', '2.009 / 2.011']);
    expect(rows.at(-1)?.slice(0, 2)).toEqual(['two-sided uptime at the OLP rule (≥ 4000 within 100 bps): aggregate / per-order', '100.0 % / 0.0 %']);
  });
});

import { FEE_HEADER, feeNote, feeRows, qualityRows } from '../../scripts/fidelity/fidelity.report';
import { progressLine, summarize, type FidelityFees, type FidelityOptions, type FidelitySummary, type RunSnapshot } from '../../scripts/fidelity/fidelity.runner';
import { FIDELITY_TARGETS, targetChecks, targetRows, targetVerdict } from '../../scripts/fidelity/fidelity.targets';

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

describe('summarize: depth against mainnet × the market\'s depthScale', () => {
  // mainnet 10 a side at 99.95 / 100.05; testnet 1 a side at the same prices: a tenth of mainnet
  const snapshot = (t: number): RunSnapshot => ({
    height: t, t, mainnetMid: 100,
    mainnetBids: [{ price: '99.95', quantity: '10' }], mainnetAsks: [{ price: '100.05', quantity: '10' }],
    bids: [{ price: '99.95', quantity: '1' }], asks: [{ price: '100.05', quantity: '1' }],
    ownBids: [], ownAsks: [],
  });
  const run = (depthScale?: string) => summarize([snapshot(0), snapshot(1000)], { minDepth: 1000, maxSpreadBps: 100, blocksPerCandle: 5 }, 60, 0, 'inj-usdt-perp', depthScale);

  it('measures depth ratios testnet ÷ (mainnet × depthScale) and keeps the depthScale', () => {
    expect(run('0.1').quality).toMatchObject({ depthScale: '0.1', depthRatio: expect.arrayContaining([{ bandBps: 25, bids: '1', asks: '1' }]) });
    expect(run().quality).toMatchObject({ depthScale: '1', depthRatio: expect.arrayContaining([{ bandBps: 25, bids: '0.1', asks: '0.1' }]) });
  });

  it('names the depthScale in the depth rows', () => {
    expect(qualityRows(run('0.1').quality!)[1]?.[3]).toContain('testnet ÷ (mainnet × depthScale 0.1)');
  });
});

describe('targetChecks', () => {
  const summary = (over: Partial<NonNullable<FidelitySummary['quality']>> = {}, rmsBps = 3.2): FidelitySummary => ({
    snapshots: 100, blocks: 200, seconds: 140, timeScale: 17, lateBlocks: 0,
    trackingError: { rmsBps, maxBps: 9, samples: 100, missing: 0 },
    spreadBps: { testnet: 10, mainnet: 9, testnetOneSidedShare: 0 },
    depth: [],
    uptime: { aggregate: 1, perOrder: 1, qualifying: 100, qualifyingPerOrder: 100 },
    twoSidedDepth: { median: 5000, p10: 4000 },
    quality: {
      spreadRatio: '1.1',
      depthRatio: [10, 25, 50, 100, 200, 500].map((bandBps) => ({ bandBps, bids: bandBps === 10 ? '3' : '0.9', asks: bandBps === 500 ? '1.31' : '1.2' })),
      rule: { maxSpreadBps: '50', minDepth: '4000' },
      uptimePct: { aggregate: '99.5', perOrder: '94.9' },
      depthScale: '0.002',
      ...over,
    },
  });

  it('checks every target of issue 20, depth from 25 bps out, with pass / miss', () => {
    const checks = targetChecks({ candles: 240, summary: summary() });
    expect(checks.map((c) => [c.target, c.now, c.verdict])).toEqual([
      ['replay ≥ 150 candles', '240', 'pass'],
      ['tracking error RMS ≤ 5 bps', '3.20 bps', 'pass'],
      ['spread ratio (testnet ÷ mainnet, time-weighted) within 1 ± 0.3', '1.100', 'pass'],
      ['depth within 25 bps ÷ (mainnet × depthScale 0.002) within 1 ± 0.3, bid / ask', '0.900 / 1.200', 'pass'],
      ['depth within 50 bps ÷ (mainnet × depthScale 0.002) within 1 ± 0.3, bid / ask', '0.900 / 1.200', 'pass'],
      ['depth within 100 bps ÷ (mainnet × depthScale 0.002) within 1 ± 0.3, bid / ask', '0.900 / 1.200', 'pass'],
      ['depth within 200 bps ÷ (mainnet × depthScale 0.002) within 1 ± 0.3, bid / ask', '0.900 / 1.200', 'pass'],
      ['depth within 500 bps ÷ (mainnet × depthScale 0.002) within 1 ± 0.3, bid / ask', '0.900 / 1.310', 'miss'],
      ['two-sided uptime, aggregate rule (≥ 4000 within 50 bps) ≥ 99 %', '99.5 %', 'pass'],
      ['two-sided uptime, per-order rule (≥ 4000 within 50 bps) ≥ 95 %', '94.9 %', 'miss'],
    ]);
    expect(checks.every((c) => c.previous === 'n/a')).toBe(true);
    expect(FIDELITY_TARGETS.depthFromBandBps).toBe(25);
  });

  it('misses on too few candles, a tracking error over 5 bps and a spread off by more than 30 %', () => {
    const checks = targetChecks({ candles: 80, summary: summary({ spreadRatio: '0.69' }, 5.01) });
    expect(checks.slice(0, 3).map((c) => c.verdict)).toEqual(['miss', 'miss', 'miss']);
  });

  it('shows the previous report\'s figure beside each', () => {
    const checks = targetChecks({ candles: 240, summary: summary() }, { candles: 80, summary: summary({ uptimePct: { aggregate: '90', perOrder: null } }, 7) });
    expect(targetRows(checks).map((r) => r.slice(0, 3).concat(r[3]!))).toEqual(expect.arrayContaining([
      ['replay ≥ 150 candles', '240', '80', 'pass'],
      ['tracking error RMS ≤ 5 bps', '3.20 bps', '7.00 bps', 'pass'],
      ['two-sided uptime, aggregate rule (≥ 4000 within 50 bps) ≥ 99 %', '99.5 %', '90.0 %', 'pass'],
      ['two-sided uptime, per-order rule (≥ 4000 within 50 bps) ≥ 95 %', '94.9 %', '—', 'miss'],
    ]));
  });

  it('says n/a for a figure a report written before did not measure', () => {
    const old = { ...summary(), quality: undefined };
    const checks = targetChecks({ candles: 240, summary: old });
    expect(checks.map((c) => c.verdict)).toEqual(['pass', 'pass', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a']);
    expect(checks[3]).toMatchObject({ target: 'depth within 25 bps ÷ (mainnet × depthScale 1) within 1 ± 0.3, bid / ask', now: '—' });
    expect(targetVerdict(checks)).toBe('targets: 2 of 10 met; not measured: 8');
  });

  it('sums the verdicts up in one line naming the misses', () => {
    expect(targetVerdict(targetChecks({ candles: 240, summary: summary() }))).toBe(
      'targets: 8 of 10 met; missed: depth within 500 bps ÷ (mainnet × depthScale 0.002) within 1 ± 0.3, bid / ask; two-sided uptime, per-order rule (≥ 4000 within 50 bps) ≥ 95 %',
    );
  });
});

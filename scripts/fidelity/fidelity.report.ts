import { injText } from '../../bench/lib/fee.metrics';
import type { FidelityFees, FidelityOptions, FidelityResult, FidelitySummary, MarketFidelity } from './fidelity.runner';

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const money = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const pct = (share: number) => (Number.isFinite(share) ? `${(share * 100).toFixed(1)} %` : '—');

/** Columns of a market's table. */
export const METRIC_HEADER = ['metric', 'testnet (mirrorbook)', 'mainnet (sim)', 'how'];

/** A market's rows: metric, testnet (mirrorbook), mainnet (the sim's synthetic book), note. */
export function metricRows(s: FidelitySummary, o: Pick<FidelityOptions, 'minDepth' | 'maxSpreadBps'>): string[][] {
  const out: string[][] = [
    ['tracking error, RMS', `${f(s.trackingError.rmsBps)} bps`, '—', `|testnet mid − mainnet mid| ÷ mainnet mid over ${s.trackingError.samples} snapshots${s.trackingError.missing ? ` (${s.trackingError.missing} without a testnet mid left out)` : ''}`],
    ['tracking error, max', `${f(s.trackingError.maxBps)} bps`, '—', ''],
    ['spread, time-weighted', `${f(s.spreadBps.testnet)} bps`, `${f(s.spreadBps.mainnet)} bps`, `(best ask − best bid) ÷ mid, each snapshot weighted by the time to the next${s.spreadBps.testnetOneSidedShare > 0 ? `; testnet one-sided ${pct(s.spreadBps.testnetOneSidedShare)} of the time` : ''}`],
  ];
  for (const d of s.depth) {
    out.push([`depth within ${d.pct} % (bid / ask)`, `${money(d.testnetBid)} / ${money(d.testnetAsk)}`, `${money(d.mainnetBid)} / ${money(d.mainnetAsk)}`, d.pct === 1 ? 'mean quote notional per side within the band around the mainnet mid' : '']);
  }
  out.push([
    `two-sided uptime (≥ ${o.minDepth} within ${o.maxSpreadBps} bps)`, `${pct(s.uptime.aggregate)}`, '—',
    `share of the run's time (each snapshot holding until the next) where the bot's own bids and asks each sum to at least MinDepth within MaxSpread of the testnet mid (${s.uptime.qualifying} of ${s.snapshots} snapshots)`,
  ]);
  out.push([
    `bot's thinner side within ${o.maxSpreadBps} bps (median / p10)`, `${money(s.twoSidedDepth.median)} / ${money(s.twoSidedDepth.p10)}`, '—',
    'min(own bid notional, own ask notional) within MaxSpread of the testnet mid: the largest MinDepth the bot meets in half (90 %) of the snapshots',
  ]);
  out.push([
    'two-sided uptime, OLP per-order rule', `${pct(s.uptime.perOrder)}`, '—',
    `OLP's literal rule: one order on each side is itself ≥ MinDepth (${s.uptime.qualifyingPerOrder} of ${s.snapshots} snapshots)`,
  ]);
  if (s.quality) out.push(...qualityRows(s.quality));
  return out;
}

/** Columns of the fee table. */
export const FEE_HEADER = ['wallet', 'markets', 'txs (failed)', 'INJ spent', 'INJ/day', 'warm-up: txs, INJ'];

/** One row per wallet: its markets, txs, INJ spent and INJ a day over the measured window, and the warm-up's cost. */
export function feeRows(fees: FidelityFees, markets: readonly Pick<MarketFidelity, 'market' | 'wallets'>[]): string[][] {
  return fees.wallets.map((w) => {
    const warm = fees.warmup.find((x) => x.wallet === w.wallet);
    return [
      w.wallet,
      markets.filter((m) => m.wallets.includes(w.wallet)).map((m) => m.market).join(', '),
      `${w.txs} (${w.failedTxs})`,
      injText(w.feesInj, 4),
      injText(w.injPerDay, 2),
      warm ? `${warm.txs}, ${injText(warm.feesInj, 4)}` : '—',
    ];
  });
}

/** How the fee figures were taken, and when INJ/day does not hold. */
export function feeNote(r: Pick<FidelityResult, 'fees' | 'options' | 'candleIntervalS'>): string {
  const fees = r.fees;
  if (!fees) return 'fees: not measured (a report written before they were)';
  const o = r.options;
  const chainTime = fees.chainSeconds < 3600 ? `${Math.round(fees.chainSeconds)} s` : `${f(fees.chainSeconds / 3600, 2)} h`;
  const realPace = (r.candleIntervalS * 1000) / (o.blocksPerCandle * o.blockMs);
  const pace = Math.abs(realPace - 1) < 0.05
    ? 'at real time scale'
    : `at ${f(realPace, 1)}× the recorded pace the bots see ${f(realPace, 1)}× the price moves per block, so INJ/day holds only at real time scale (${Math.round((r.candleIntervalS * 1000) / o.blockMs)} blocks per ${r.candleIntervalS} s candle)`;
  return `fees: the fee each included tx of the wallet was charged (the chain's \`tx\` event), blocks ${fees.window.from}–${fees.window.to} (${fees.blocks} blocks × ${o.blockMs} ms = ${chainTime} of chain time); INJ/day = INJ spent ÷ that time × 24 h, ${pace}; the warm-up (blocks before ${fees.window.from}, the book built from empty) is apart`;
}

/** One sentence on the run: replay, time scale, bots, scaling, override, snapshots. */
export function describeRun(r: FidelityResult): string {
  const o = r.options;
  const s = r.markets[0]!.summary;
  const bots = o.setup.bots.map((b) => `${b.id} (${b.wallet}: ${b.markets.join(', ')})`).join(', ');
  const scaled = r.markets.filter((m) => m.scale !== '1').map((m) => `${m.market} × ${Number(m.scale).toPrecision(4)}`);
  const params = Object.keys(o.params).length ? `params override ${JSON.stringify(o.params)}` : "the repository's strategy parameters";
  return [
    `${r.candles} candles of ${r.candleIntervalS} s from ${o.prices} (${o.market}), ${o.blocksPerCandle} blocks per candle at ${o.blockMs} ms (≈ ${f(s.timeScale, 0)}× faster than recorded)`,
    `bots ${bots}`,
    ...(scaled.length ? [`prices scaled to each market's level: ${scaled.join(', ')}`] : []),
    params,
    `${s.snapshots} snapshots every ${o.every} blocks over ${s.blocks} blocks (${s.seconds} s); takers ${o.takersPerBlock}/block${s.lateBlocks ? `; the first ${s.lateBlocks} blocks of the recording were not measured (the stack started late)` : ''}`,
  ].join('; ');
}

/** The `md.quality` figures of the run (libs/market, as the gateway publishes them): spread ratio, depth ratio per band, uptime at the market's OLP rule. */
export function qualityRows(q: NonNullable<FidelitySummary['quality']>): string[][] {
  const ratio = (value: string | null) => (value === null ? '—' : Number(value).toFixed(3));
  const share = (value: string | null) => (value === null ? '—' : `${Number(value).toFixed(1)} %`);
  return [
    ['spread ratio (testnet ÷ mainnet)', ratio(q.spreadRatio), '—', 'each spread in bps of its own mid, time-weighted (libs/market rollingBookQuality, as md.quality.<mk>)'],
    ...q.depthRatio.map((b, i) => [
      `depth ratio within ${b.bandBps} bps (bid / ask)`,
      `${ratio(b.bids)} / ${ratio(b.asks)}`,
      '—',
      i === 0 ? `testnet ÷ (mainnet × depthScale ${q.depthScale ?? '1'}) quote notional within the band of each book's own mid, mean over snapshots` : '',
    ]),
    [
      `two-sided uptime at the OLP rule (≥ ${q.rule.minDepth} within ${q.rule.maxSpreadBps} bps): aggregate / per-order`,
      `${share(q.uptimePct.aggregate)} / ${share(q.uptimePct.perOrder)}`,
      '—',
      "the market's MaxSpread (50 bps BTC and ETH perps, else 100) and the default MinDepth, time-weighted",
    ],
  ];
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Decimal from 'decimal.js';
import type { StrategyParamsOverride } from '@mirrorbook/contracts';
import type { Orderbook } from '@mirrorbook/injective';
import { startStack, type Stack } from '@mirrorbook/testing/stack';
import { Dec, midPrice, OLP_MIN_DEPTH, olpRuleFor, twoSidedUptime as olpTwoSidedUptime, type OlpRule } from '@mirrorbook/market';
import {
  depthWithin,
  gapBps,
  meanDepth,
  ownOrders,
  runQuality,
  timeWeightedSpread,
  topOfBook,
  trackingError,
  twoSidedDepth,
  twoSidedUptime,
  type FidelitySnapshot,
} from '../../bench/lib/fidelity.metrics';
import { walletFees, windowBlocks, type BlockWindow, type WalletFees } from '../../bench/lib/fee.metrics';
import { loadCandleSource, replayText, type CandleSource } from './candle.source';
import { FeeFollower } from './fee.follower';
import { botParams, marketDepthScale, type FidelitySetup } from './fidelity.setup';

/** Settings of one fidelity run. */
export interface FidelityOptions {
  /** keep the raw books of every snapshot in the result */
  raw?: boolean;
  /** the candle CSV (`timestamp,open,high,low,close,volume`) */
  prices: string;
  /** market key of the pair whose mainnet price the candle file records */
  market: string;
  /** the bots and their markets; each market replays the file scaled to its own level */
  setup: FidelitySetup;
  /** strategy parameters layered on every bot's own (`--params`, `--base-size`), validated */
  params: StrategyParamsOverride;
  blocksPerCandle: number;
  /** a snapshot every N blocks */
  every: number;
  blockMs: number;
  /** flat blocks at the first open before the recording, while the stack starts and the book builds */
  warmupBlocks: number;
  /** replay only the first N candles */
  candles?: number;
  /** uptime: smallest notional, quote units */
  minDepth: number;
  /** uptime: largest distance from the mid, bps */
  maxSpreadBps: number;
  /** synthetic testnet takers per block (the sim's Poisson λ) */
  takersPerBlock: number;
  log: (line: string) => void;
}

/** A snapshot with the mainnet book beside the testnet one. */
export type RunSnapshot = FidelitySnapshot;

export interface FidelitySummary {
  snapshots: number;
  /** blocks of the recording covered, and real seconds they took */
  blocks: number;
  seconds: number;
  /** candle interval (s) ÷ the real time one candle took: how much faster than recorded */
  timeScale: number;
  trackingError: { rmsBps: number; maxBps: number; samples: number; missing: number };
  spreadBps: { testnet: number; mainnet: number; testnetOneSidedShare: number };
  depth: { pct: number; testnetBid: number; testnetAsk: number; mainnetBid: number; mainnetAsk: number }[];
  /** two-sided uptime under `--min-depth` / `--max-spread-bps`, share of the run's time (0..1) per rule */
  uptime: { aggregate: number; perOrder: number; qualifying: number; qualifyingPerOrder: number };
  /**
   * the `md.quality.<mk>` figures over the whole run (libs/market `rollingBookQuality`), at the
   * market's OLP rule (MaxSpread 50 bps for BTC and ETH perps, else 100) and MinDepth 4000;
   * decimal strings, null where unknown (absent in reports written before)
   */
  quality?: {
    spreadRatio: string | null;
    depthRatio: { bandBps: number; bids: string | null; asks: string | null }[];
    rule: { maxSpreadBps: string; minDepth: string };
    uptimePct: { aggregate: string | null; perOrder: string | null };
    /** the depthScale the depth ratios are against (testnet ÷ (mainnet × depthScale)); absent in reports written before: 1 */
    depthScale?: string;
  };
  /** the bot's thinner side within MaxSpread of the testnet mid, quote units: median and 10th percentile over snapshots */
  twoSidedDepth: { median: number; p10: number };
  /** measurement started this many blocks into the recording (the stack was slower than the warm-up) */
  lateBlocks: number;
}

/** The per-snapshot figures the report and the chart use (what the JSON keeps by default). */
export interface SnapshotRow {
  height: number;
  /** ms since epoch */
  t: number;
  mainnetBid: number | null;
  mainnetAsk: number | null;
  mainnetMid: number | null;
  testnetBid: number | null;
  testnetAsk: number | null;
  testnetMid: number | null;
  /** (testnet mid − mainnet mid) ÷ mainnet mid, bps, signed */
  gapBps: number | null;
  spreadBps: number | null;
  mainnetSpreadBps: number | null;
  /** testnet quote notional within 1/2/5 % of the mainnet mid: [bid, ask] per band */
  depth: [number, number][];
  /** the bot's thinner side within MaxSpread of the testnet mid, quote units */
  ownThinner: number;
  /** two-sided uptime: aggregate rule, OLP per-order rule */
  up: boolean;
  upPerOrder: boolean;
}

/** The figures of one market of a run. */
export interface MarketFidelity {
  market: string;
  /** wallets whose orders count as the bot's own on this market */
  wallets: string[];
  /** the factor the candle file's prices were multiplied by for this market */
  scale: string;
  summary: FidelitySummary;
  rows: SnapshotRow[];
  /** the raw books (only with `--raw`: they weigh megabytes) */
  snapshots?: RunSnapshot[];
}

/** What the run cost: txs and fees per wallet, from the chain's own record. */
export interface FidelityFees {
  /** blocks measured (the recording, from the first snapshot to the last) */
  window: BlockWindow;
  blocks: number;
  /** chain time of the window: blocks × block time, s */
  chainSeconds: number;
  wallets: WalletFees[];
  /** the warm-up before the window (the book built from empty): not in the per-day figure */
  warmup: WalletFees[];
}

export interface FidelityResult {
  options: Omit<FidelityOptions, 'log'>;
  candles: number;
  candleIntervalS: number;
  startHeight: number;
  endHeight: number;
  markets: MarketFidelity[];
  /** absent in reports written before fees were measured */
  fees?: FidelityFees;
  /** the figures of the report this run's replaced (same output file), for the targets' "previous" column; absent: none */
  previous?: PreviousFigures;
}

/** What the report keeps of the one it replaced: per market the candles and the summary. */
export interface PreviousFigures {
  generatedAt: string | null;
  markets: { market: string; candles: number; summary: FidelitySummary }[];
}

const BANDS = [1, 2, 5];

/** The figures of one snapshot. */
export function rowOf(s: RunSnapshot, rule: { minDepth: number; maxSpreadBps: number }): SnapshotRow {
  const t = topOfBook(s.bids, s.asks);
  const m = topOfBook(s.mainnetBids, s.mainnetAsks);
  const spread = (x: { bid: number | null; ask: number | null; mid: number | null }) => (x.bid !== null && x.ask !== null && x.mid !== null ? ((x.ask - x.bid) / x.mid) * 10_000 : null);
  const up = olpTwoSidedUptime(ownOrders(s), midPrice(s), { maxSpreadBps: new Dec(rule.maxSpreadBps), minDepth: new Dec(rule.minDepth) });
  return {
    height: s.height,
    t: s.t,
    mainnetBid: m.bid,
    mainnetAsk: m.ask,
    mainnetMid: s.mainnetMid,
    testnetBid: t.bid,
    testnetAsk: t.ask,
    testnetMid: t.mid,
    gapBps: t.mid !== null && s.mainnetMid !== null ? Math.sign(t.mid - s.mainnetMid) * gapBps(t.mid, s.mainnetMid) : null,
    spreadBps: spread(t),
    mainnetSpreadBps: spread(m),
    depth: BANDS.map((pct) => {
      if (s.mainnetMid === null) return [0, 0] as [number, number];
      const d = depthWithin(s.bids, s.asks, s.mainnetMid, pct);
      return [Math.round(d.bid * 100) / 100, Math.round(d.ask * 100) / 100] as [number, number];
    }),
    ownThinner: Math.round(twoSidedDepth(s, rule.maxSpreadBps) * 100) / 100,
    up: up.aggregate,
    upPerOrder: up.perOrder,
  };
}

/** Writes the replay file the sim reads for `market` into `dir` (see `replayText`). */
function replayFile(source: CandleSource, dir: string, market: string, options: { warmupCandles: number; limit?: number; factor: string }): { path: string; candles: number } {
  const { text, candles } = replayText(source, options);
  const path = join(dir, `${market}.replay.csv`);
  writeFileSync(path, text);
  return { path, candles };
}

const levels = (book: Orderbook) => ({
  bids: book.bids.map((l) => ({ price: l.price.toNumber(), quantity: l.quantity.toNumber() })),
  asks: book.asks.map((l) => ({ price: l.price.toNumber(), quantity: l.quantity.toNumber() })),
});

async function snapshot(stack: Stack, market: string, wallets: readonly string[]): Promise<Omit<RunSnapshot, 'height' | 't'>> {
  const pair = stack.pair(market);
  const book = (id: string) => (pair.type === 'spot' ? stack.lcd.getSpotOrderbook(id, 500) : stack.lcd.getDerivativeOrderbook(id, 500));
  const [testnet, mainnet, ...owned] = await Promise.all([book(pair.testnetMarketId), book(pair.mainnetMarketId), ...wallets.map((w) => stack.openOrders(w, market))]);
  const own = owned.flat();
  const t = levels(testnet);
  const m = levels(mainnet);
  const q = (side: 'buy' | 'sell') => own.filter((o) => o.side === side).map((o) => ({ price: o.price.toNumber(), quantity: o.quantity.toNumber() }));
  return { mainnetMid: topOfBook(m.bids, m.asks).mid, bids: t.bids, asks: t.asks, ownBids: q('buy'), ownAsks: q('sell'), mainnetBids: m.bids, mainnetAsks: m.asks };
}

/** Every market of the setup replays the candle file (scaled to its level) from an empty testnet book. */
function simPairs(options: FidelityOptions, replays: ReadonlyMap<string, string>): Record<string, unknown> {
  return Object.fromEntries(
    options.setup.markets.map((key) => [
      key,
      {
        price: { mode: 'replay', replay: { file: replays.get(key)!, blocksPerCandle: options.blocksPerCandle, loop: false } },
        testnetInitial: { kind: 'empty' },
        takers: { lambdaPerBlock: options.takersPerBlock },
      },
    ]),
  );
}

const walletsOn = (setup: FidelitySetup, market: string) => [...new Set(setup.bots.filter((b) => b.markets.includes(market)).map((b) => b.wallet))];

/** Runs the stack on the replayed candles and measures each testnet book against mainnet, and what it cost. */
export async function runFidelity(options: FidelityOptions): Promise<FidelityResult> {
  const { log, setup } = options;
  const source = loadCandleSource(options.prices);
  const warmupCandles = Math.ceil(options.warmupBlocks / options.blocksPerCandle);
  const dir = mkdtempSync(join(tmpdir(), 'mb-fidelity-'));
  const replays = new Map<string, string>();
  let candles = 0;
  for (const key of setup.markets) {
    const replay = replayFile(source, dir, key, { warmupCandles, limit: options.candles, factor: setup.scale[key] ?? '1' });
    replays.set(key, replay.path);
    candles = replay.candles;
  }
  // replay step s (= blocks since the sim started) is on candle floor((s − 1) / blocksPerCandle)
  const startHeight = warmupCandles * options.blocksPerCandle + 1;
  const endHeight = (warmupCandles + candles) * options.blocksPerCandle;
  log(`fidelity: ${setup.markets.join(', ')}: ${candles} candles × ${options.blocksPerCandle} blocks (${endHeight - startHeight + 1} blocks ≈ ${Math.round(((endHeight - startHeight) * options.blockMs) / 1000)} s) after ${warmupCandles * options.blocksPerCandle} warm-up blocks`);
  const stack = await startStack({
    markets: setup.markets,
    bots: setup.bots.map((b) => ({ id: b.id, wallet: b.wallet, markets: b.markets, params: botParams(b, options.params) })),
    sim: {
      blockMs: options.blockMs,
      seed: 'mirrorbook-fidelity',
      // measures the bots, not the request budget: no per-IP limit (see test/e2e/lcd-rate-limit.e2e.spec.ts)
      rateLimitPerSecond: 0,
      exchange: { pairs: simPairs(options, replays) },
    },
    env: { NETWORK: 'sim', LOG_LEVEL: 'info', CHAIN_LCD_LIMIT_PER_IP: '2000' },
  });
  const follower = new FeeFollower(stack.lcd, Math.max(100, Math.round(options.blockMs / 2)));
  follower.start();
  try {
    const up = await stack.height();
    log(`fidelity: stack up at height ${up}; measuring heights ${startHeight}–${endHeight} every ${options.every} blocks`);
    const snapshots = new Map<string, RunSnapshot[]>(setup.markets.map((k) => [k, []]));
    let target = startHeight;
    let lateBlocks = 0;
    if (up > startHeight) {
      lateBlocks = up - startHeight;
      target = up;
      log(`fidelity: the stack took longer than the warm-up: the first ${lateBlocks} blocks of the recording are not measured (raise --warmup-blocks)`);
    }
    let t0 = 0;
    let taken = 0;
    let first = -1;
    let last = -1;
    let seen = up;
    while (target <= endHeight) {
      // a loaded machine stretches blocks: the wait through a long warm-up grows with it
      await stack.waitHeight(target, Math.max(120_000, (target - seen) * options.blockMs * 4));
      const t = Date.now();
      const books = await Promise.all(setup.markets.map((k) => snapshot(stack, k, walletsOn(setup, k))));
      const height = await stack.height();
      setup.markets.forEach((k, i) => snapshots.get(k)!.push({ ...books[i]!, height, t }));
      if (first < 0) [first, t0] = [height, t];
      last = height;
      seen = height;
      taken += 1;
      if (taken % 25 === 0) log(progressLine({ taken, height, startHeight, endHeight, blocksPerCandle: options.blocksPerCandle, msSoFar: Date.now() - t0, firstHeight: first }));
      // a slow snapshot skips heights rather than bunching the next ones
      target += options.every;
      while (target <= height) target += options.every;
    }
    await follower.stop(last);
    const window = { from: Math.max(startHeight, up), to: last };
    const wallets = stack.wallets.map((w) => ({ id: w.id, address: w.wallet.injAddress }));
    return {
      options: { ...optionsWithoutLog(options) },
      candles,
      candleIntervalS: source.intervalS,
      startHeight,
      endHeight,
      markets: setup.markets.map((key) => {
        const own = snapshots.get(key)!;
        return {
          market: key,
          wallets: walletsOn(setup, key),
          scale: setup.scale[key] ?? '1',
          summary: summarize(own, options, source.intervalS, lateBlocks, key, marketDepthScale(setup, key, options.params)),
          rows: own.map((x) => rowOf(x, options)),
          ...(options.raw ? { snapshots: own } : {}),
        };
      }),
      fees: {
        window,
        blocks: windowBlocks(window),
        chainSeconds: (windowBlocks(window) * options.blockMs) / 1000,
        wallets: walletFees(follower.txs, wallets, window, options.blockMs),
        warmup: walletFees(follower.txs, wallets, { from: 1, to: window.from - 1 }, options.blockMs),
      },
    };
  } catch (error) {
    log(`fidelity failed; last log lines:\n${stack.logs().split('\n').slice(-30).join('\n')}`);
    throw error;
  } finally {
    await follower.stop(0).catch(() => undefined);
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A progress line: snapshots, candle, height and the time left at the pace so far. */
export function progressLine(p: { taken: number; height: number; startHeight: number; endHeight: number; blocksPerCandle: number; msSoFar: number; firstHeight: number }): string {
  const candle = Math.min(Math.floor((p.height - p.startHeight) / p.blocksPerCandle) + 1, Math.ceil((p.endHeight - p.startHeight + 1) / p.blocksPerCandle));
  const candlesTotal = Math.ceil((p.endHeight - p.startHeight + 1) / p.blocksPerCandle);
  const done = p.height - p.firstHeight;
  const leftS = done > 0 ? Math.round(((p.endHeight - p.height) * p.msSoFar) / done / 1000) : Number.NaN;
  return `fidelity: ${p.taken} snapshots, height ${p.height} of ${p.endHeight} (candle ${candle} of ${candlesTotal})${Number.isFinite(leftS) ? `, ≈ ${Math.floor(leftS / 60)} min ${leftS % 60} s left` : ''}`;
}

function optionsWithoutLog(options: FidelityOptions): Omit<FidelityOptions, 'log'> {
  const { log: _log, ...rest } = options;
  return rest;
}

export function summarize(
  snapshots: RunSnapshot[],
  options: Pick<FidelityOptions, 'minDepth' | 'maxSpreadBps' | 'blocksPerCandle'>,
  candleIntervalS: number,
  lateBlocks: number,
  market: string,
  /** the market's depthScale (config/markets.json and the bots' params, `marketDepthScale`): depth ratios are against mainnet × it */
  depthScale = '1',
): FidelitySummary {
  const mainnetBook = (s: RunSnapshot): RunSnapshot => ({ ...s, bids: s.mainnetBids, asks: s.mainnetAsks });
  const testnetDepth = meanDepth(snapshots, BANDS);
  const mainnetDepth = meanDepth(snapshots.map(mainnetBook), BANDS);
  const spread = timeWeightedSpread(snapshots);
  const uptime = twoSidedUptime(snapshots, { maxSpreadBps: options.maxSpreadBps, minDepth: options.minDepth });
  const thinner = snapshots.map((s) => twoSidedDepth(s, options.maxSpreadBps)).sort((a, b) => a - b);
  const at = (q: number) => (thinner.length ? thinner[Math.min(thinner.length - 1, Math.floor(q * thinner.length))]! : Number.NaN);
  const first = snapshots[0];
  const last = snapshots[snapshots.length - 1];
  const blocks = first && last ? last.height - first.height : 0;
  const seconds = first && last ? (last.t - first.t) / 1000 : 0;
  const candleRealS = blocks > 0 ? (seconds / blocks) * options.blocksPerCandle : Number.NaN;
  return {
    snapshots: snapshots.length,
    blocks,
    seconds: Math.round(seconds),
    timeScale: candleIntervalS / candleRealS,
    trackingError: trackingError(snapshots),
    spreadBps: { testnet: spread.bps, mainnet: timeWeightedSpread(snapshots.map(mainnetBook)).bps, testnetOneSidedShare: spread.oneSidedShare },
    depth: testnetDepth.map((d, i) => ({ pct: d.pct, testnetBid: d.bid, testnetAsk: d.ask, mainnetBid: mainnetDepth[i]!.bid, mainnetAsk: mainnetDepth[i]!.ask })),
    uptime: { aggregate: uptime.aggregate, perOrder: uptime.perOrder, qualifying: uptime.qualifying, qualifyingPerOrder: uptime.qualifyingPerOrder },
    quality: olpQuality(snapshots, { ...olpRuleFor(market), minDepth: new Dec(OLP_MIN_DEPTH) }, depthScale),
    twoSidedDepth: { median: at(0.5), p10: at(0.1) },
    lateBlocks,
  };
}

/** The run's `md.quality` figures at the market's OLP rule and depthScale, as the report keeps them (decimal strings). */
function olpQuality(snapshots: readonly RunSnapshot[], rule: OlpRule, depthScale: string): NonNullable<FidelitySummary['quality']> {
  const q = runQuality(snapshots, rule, depthScale);
  const text = (d: Decimal | null) => (d === null ? null : d.toFixed());
  return {
    spreadRatio: text(q.spreadRatio),
    depthRatio: q.depthRatio.map((b) => ({ bandBps: b.bandBps, bids: text(b.bids), asks: text(b.asks) })),
    rule: { maxSpreadBps: rule.maxSpreadBps.toFixed(), minDepth: rule.minDepth.toFixed() },
    uptimePct: { aggregate: text(q.uptimePct.aggregate), perOrder: text(q.uptimePct.perOrder) },
    depthScale,
  };
}

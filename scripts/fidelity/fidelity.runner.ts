import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Orderbook } from '@mirrorbook/injective';
import { startStack, type Stack } from '@mirrorbook/testing/stack';
import {
  depthWithin,
  gapBps,
  meanDepth,
  sideQualifies,
  timeWeightedSpread,
  topOfBook,
  trackingError,
  twoSidedDepth,
  twoSidedUptime,
  type FidelitySnapshot,
  type Quote,
} from '../../bench/lib/fidelity.metrics';

/** Settings of one fidelity run. */
export interface FidelityOptions {
  /** keep the raw books of every snapshot in the result */
  raw?: boolean;
  /** the candle CSV (`timestamp,open,high,low,close,volume`) */
  prices: string;
  /** market key of the pair whose mainnet side replays the candles */
  market: string;
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
  /** bot parameter override (`params.baseSize`) */
  baseSize?: string;
  /** synthetic testnet takers per block (the sim's Poisson λ) */
  takersPerBlock: number;
  log: (line: string) => void;
}

/** A snapshot with the mainnet book beside the testnet one. */
export interface RunSnapshot extends FidelitySnapshot {
  mainnetBids: Quote[];
  mainnetAsks: Quote[];
}

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
  uptime: { aggregate: number; perOrder: number; qualifying: number; qualifyingPerOrder: number };
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

export interface FidelityResult {
  options: Omit<FidelityOptions, 'log'>;
  candles: number;
  candleIntervalS: number;
  startHeight: number;
  endHeight: number;
  summary: FidelitySummary;
  rows: SnapshotRow[];
  /** the raw books (only with `--raw`: they weigh megabytes) */
  snapshots?: RunSnapshot[];
}

const BANDS = [1, 2, 5];

/** The figures of one snapshot. */
export function rowOf(s: RunSnapshot, rule: { minDepth: number; maxSpreadBps: number }): SnapshotRow {
  const t = topOfBook(s.bids, s.asks);
  const m = topOfBook(s.mainnetBids, s.mainnetAsks);
  const spread = (x: { bid: number | null; ask: number | null; mid: number | null }) => (x.bid !== null && x.ask !== null && x.mid !== null ? ((x.ask - x.bid) / x.mid) * 10_000 : null);
  const both = (mode: 'aggregate' | 'per-order') =>
    t.mid !== null && sideQualifies(s.ownBids, t.mid, { ...rule, mode }) && sideQualifies(s.ownAsks, t.mid, { ...rule, mode });
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
    up: both('aggregate'),
    upPerOrder: both('per-order'),
  };
}

/** Rows of the candle file: timestamp and open, enough for the warm-up and the time scale. */
function readCandles(file: string): { lines: string[]; header: string | null; first: { t: number; open: string }; intervalS: number } {
  const all = readFileSync(file, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const header = /^timestamp,/i.test(all[0] ?? '') ? all[0]! : null;
  const lines = header ? all.slice(1) : all;
  if (lines.length === 0) throw new Error(`${file}: no candle rows`);
  const cells = (l: string) => l.split(',').map((c) => c.trim());
  const [t0, open] = cells(lines[0]!);
  const t1 = lines[1] ? Number(cells(lines[1])[0]) : Number(t0) + 60;
  let intervalS = t1 - Number(t0);
  // timestamps in ms: the sim only cares about their order, we want seconds
  if (intervalS >= 1000 && Number(t0) > 1e11) intervalS /= 1000;
  return { lines, header, first: { t: Number(t0), open: open! }, intervalS };
}

/**
 * Writes the replay file the sim reads: `warmup` flat candles at the first open, then the
 * recording (cut to `limit` candles).
 */
function replayFile(file: string, warmupCandles: number, limit: number | undefined): { path: string; candles: number } {
  const { lines, first } = readCandles(file);
  const used = limit === undefined ? lines : lines.slice(0, limit);
  const step = Math.max(1, lines[1] ? Number(lines[1].split(',')[0]) - first.t : 60);
  if (first.t - warmupCandles * step < 0) throw new Error(`${file}: timestamps too small to prepend ${warmupCandles} warm-up candles`);
  const flat = Array.from({ length: warmupCandles }, (_, i) => `${first.t - (warmupCandles - i) * step},${first.open},${first.open},${first.open},${first.open},0`);
  const path = join(tmpdir(), `mb-fidelity-${process.pid}-${basename(file)}`);
  writeFileSync(path, ['timestamp,open,high,low,close,volume', ...flat, ...used].join('\n') + '\n');
  return { path, candles: used.length };
}

const levels = (book: Orderbook) => ({
  bids: book.bids.map((l) => ({ price: l.price.toNumber(), quantity: l.quantity.toNumber() })),
  asks: book.asks.map((l) => ({ price: l.price.toNumber(), quantity: l.quantity.toNumber() })),
});

async function snapshot(stack: Stack, market: string): Promise<Omit<RunSnapshot, 'height' | 't'>> {
  const pair = stack.pair(market);
  const book = (id: string) => (pair.type === 'spot' ? stack.lcd.getSpotOrderbook(id, 500) : stack.lcd.getDerivativeOrderbook(id, 500));
  const [testnet, mainnet, own] = await Promise.all([book(pair.testnetMarketId), book(pair.mainnetMarketId), stack.openOrders('w1', market)]);
  const t = levels(testnet);
  const m = levels(mainnet);
  const q = (side: 'buy' | 'sell') => own.filter((o) => o.side === side).map((o) => ({ price: o.price.toNumber(), quantity: o.quantity.toNumber() }));
  return { mainnetMid: topOfBook(m.bids, m.asks).mid, bids: t.bids, asks: t.asks, ownBids: q('buy'), ownAsks: q('sell'), mainnetBids: m.bids, mainnetAsks: m.asks };
}

/** Runs the stack on the replayed candles and measures the testnet book against mainnet. */
export async function runFidelity(options: FidelityOptions): Promise<FidelityResult> {
  const { log } = options;
  const source = readCandles(options.prices);
  const warmupCandles = Math.ceil(options.warmupBlocks / options.blocksPerCandle);
  const replay = replayFile(resolve(options.prices), warmupCandles, options.candles);
  // replay step s (= blocks since the sim started) is on candle floor((s − 1) / blocksPerCandle)
  const startHeight = warmupCandles * options.blocksPerCandle + 1;
  const endHeight = (warmupCandles + replay.candles) * options.blocksPerCandle;
  log(`fidelity: ${replay.candles} candles × ${options.blocksPerCandle} blocks (${endHeight - startHeight + 1} blocks ≈ ${Math.round(((endHeight - startHeight) * options.blockMs) / 1000)} s) after ${warmupCandles * options.blocksPerCandle} warm-up blocks`);
  const stack = await startStack({
    markets: [options.market],
    bots: [{ id: 'fidelity', wallet: 'w1', markets: [options.market], params: options.baseSize ? { baseSize: options.baseSize } : {} }],
    sim: {
      blockMs: options.blockMs,
      seed: 'mirrorbook-fidelity',
      // measures the bots, not the request budget: no per-IP limit (see test/e2e/lcd-rate-limit.e2e.spec.ts)
      rateLimitPerSecond: 0,
      exchange: {
        pairs: {
          [options.market]: {
            price: { mode: 'replay', replay: { file: replay.path, blocksPerCandle: options.blocksPerCandle, loop: false } },
            testnetInitial: { kind: 'empty' },
            takers: { lambdaPerBlock: options.takersPerBlock },
          },
        },
      },
    },
    env: { NETWORK: 'sim', LOG_LEVEL: 'info', CHAIN_LCD_LIMIT_PER_IP: '2000' },
  });
  try {
    const up = await stack.height();
    log(`fidelity: stack up at height ${up}; measuring heights ${startHeight}–${endHeight} every ${options.every} blocks`);
    const snapshots: RunSnapshot[] = [];
    let target = startHeight;
    let lateBlocks = 0;
    if (up > startHeight) {
      lateBlocks = up - startHeight;
      target = up;
      log(`fidelity: the stack took longer than the warm-up: the first ${lateBlocks} blocks of the recording are not measured (raise --warmup-blocks)`);
    }
    while (target <= endHeight) {
      await stack.waitHeight(target, 120_000);
      const t = Date.now();
      const s = await snapshot(stack, options.market);
      const height = await stack.height();
      snapshots.push({ ...s, height, t });
      if (snapshots.length % 25 === 0) log(`fidelity: ${snapshots.length} snapshots, height ${height} of ${endHeight}`);
      // a slow snapshot skips heights rather than bunching the next ones
      target += options.every;
      while (target <= height) target += options.every;
    }
    const summary = summarize(snapshots, options, source.intervalS, lateBlocks);
    return {
      options: { ...optionsWithoutLog(options) },
      candles: replay.candles,
      candleIntervalS: source.intervalS,
      startHeight,
      endHeight,
      summary,
      rows: snapshots.map((x) => rowOf(x, options)),
      ...(options.raw ? { snapshots } : {}),
    };
  } catch (error) {
    log(`fidelity failed; last log lines:\n${stack.logs().split('\n').slice(-30).join('\n')}`);
    throw error;
  } finally {
    await stack.stop();
    rmSync(replay.path, { force: true });
  }
}

function optionsWithoutLog(options: FidelityOptions): Omit<FidelityOptions, 'log'> {
  const { log: _log, ...rest } = options;
  return rest;
}

export function summarize(snapshots: RunSnapshot[], options: Pick<FidelityOptions, 'minDepth' | 'maxSpreadBps' | 'blocksPerCandle'>, candleIntervalS: number, lateBlocks = 0): FidelitySummary {
  const mainnetBook = (s: RunSnapshot): RunSnapshot => ({ ...s, bids: s.mainnetBids, asks: s.mainnetAsks });
  const testnetDepth = meanDepth(snapshots, BANDS);
  const mainnetDepth = meanDepth(snapshots.map(mainnetBook), BANDS);
  const spread = timeWeightedSpread(snapshots);
  const aggregate = twoSidedUptime(snapshots, { maxSpreadBps: options.maxSpreadBps, minDepth: options.minDepth });
  const perOrder = twoSidedUptime(snapshots, { maxSpreadBps: options.maxSpreadBps, minDepth: options.minDepth, mode: 'per-order' });
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
    uptime: { aggregate: aggregate.share, perOrder: perOrder.share, qualifying: aggregate.qualifying, qualifyingPerOrder: perOrder.qualifying },
    twoSidedDepth: { median: at(0.5), p10: at(0.1) },
    lateBlocks,
  };
}

import type Decimal from 'decimal.js';
import { depthScaleOf, type MarketPair } from '@mirrorbook/config';
import { DEPTH_BANDS_PCT, Dec, olpRuleFor, QUALITY_BANDS_BPS, toDecimalString } from '@mirrorbook/market';
import type { CliContext } from '../cli/cli.context';
import { exitCodeOf } from '../cli/cli.errors';
import { EXIT, type ExitCode } from '../cli/exit-codes';
import type { Book } from '../book/book.metrics';
import { MarketReader } from '../chain/market.reader';
import { formatAmount, formatDecimal, formatPercent, jsonDecimal, jsonPercent } from '../format/number.format';
import { renderTable } from '../format/table.renderer';
import { compareBooks, exceedsMaxGap, pairQuality, type MarketComparison, type PairQuality, type SideMetrics } from './market.comparison';
import { formatLiveWindow, NO_LIVE_WINDOW, readLiveWindows, type LiveWindowReading } from './live-window.reader';
import { readOwnOrders, type OwnOrdersReading } from './own-orders.reader';

interface PairResult {
  readonly pair: MarketPair;
  readonly comparison: MarketComparison | null;
  readonly quality: PairQuality | null;
  /** the gateway's rolling-window figures from `quality:<mk>`, or why there are none */
  readonly window: LiveWindowReading;
  readonly exceeds: boolean;
  /** why the pair could not be compared */
  readonly error: unknown;
}

/**
 * `mirrorbook compare`: mainnet vs testnet for every enabled pair (mid, gap, spread, depth
 * within 1/2/5 % of the mainnet mid, levels) and its book quality now, measured as the gateway's
 * `md.quality.<mk>` is (libs/market `qualitySample`: tracking error, spread ratio, depth ratio per
 * band, two-sided uptime of the bots' orders from `orders:<wallet>:<mk>`), and beside it the live
 * rolling window the gateway published last (Redis `quality:<mk>`: the `md.quality.<mk>` payload,
 * which the CLI cannot hear), or "no live window" where the gateway is not running. Exits 1 when `--max-gap` is given and some gap is
 * above it (or unknown), 4 when a pair could not be read. On `--network mainnet` it compares
 * mainnet with testnet, as on `testnet`.
 */
export async function compareCommand(ctx: CliContext, opts: { market?: string; maxGap?: Decimal }): Promise<ExitCode> {
  const network = ctx.networkName === 'mainnet' ? 'testnet' : ctx.networkName;
  const sides = ctx.sides(network);
  const pairs = opts.market ? [ctx.market(opts.market)] : ctx.config().markets.filter((m) => m.enabled);
  const reader = new MarketReader(ctx);
  const [results, own] = await ctx.progress.step(`comparing ${pairs.length} markets (mainnet vs ${network})`, async () => {
    const books = await Promise.all(
      pairs.map(async (pair) => {
        try {
          return { pair, books: await Promise.all([reader.book(sides.reference, pair), reader.book(sides.trading, pair)]), error: undefined };
        } catch (error) {
          return { pair, books: null, error };
        }
      }),
    );
    const orders = await readOwnOrders(ctx, books.filter((b) => b.books).map((b) => b.pair.key));
    // after the orders, on the same connection; where Redis could not be read for them, not tried again
    const windows = await readLiveWindows(ctx, pairs.map((p) => p.key), orders.ok ? undefined : orders.reason);
    const windowOf = (market: string): LiveWindowReading => windows.get(market) ?? { window: null, reason: NO_LIVE_WINDOW };
    return [books.map(({ pair, books: read, error }) => pairResult(ctx, pair, read, orders, windowOf(pair.key), opts.maxGap, error)), orders] as const;
  });
  const failed = results.filter((r) => r.exceeds);
  ctx.out.result(
    {
      network,
      maxGapPct: jsonDecimal(opts.maxGap),
      ok: failed.length === 0 && results.every((r) => r.error === undefined),
      markets: results.map((r) => ({
        market: r.pair.key,
        type: r.pair.type,
        gapPct: jsonPercent(r.comparison?.gapPct),
        exceedsMaxGap: r.exceeds,
        error: r.error === undefined ? null : (r.error as Error).message,
        mainnet: r.comparison && compareSideJson(r.comparison.reference, sides.reference.marketId(r.pair)),
        testnet: r.comparison && compareSideJson(r.comparison.trading, sides.trading.marketId(r.pair)),
        quality: r.quality && qualityJson(r.quality),
        // the md.quality.<mk> payload as the gateway published it: one definition of the window figures
        window: r.window.window,
        windowReason: r.window.reason,
      })),
    },
    () => renderComparison(results, network, opts.maxGap),
  );
  for (const r of results) if (r.error !== undefined) ctx.out.note(`${r.pair.key}: ${(r.error as Error).message}`);
  if (!own.ok) ctx.out.note(`uptime unknown: the bots' orders could not be read (${own.reason})`);
  const readError = results.find((r) => r.error !== undefined);
  if (readError) return exitCodeOf(readError.error);
  return failed.length > 0 ? EXIT.CHECK_FAILED : EXIT.OK;
}

function pairResult(
  ctx: CliContext,
  pair: MarketPair,
  books: readonly [Book, Book] | null,
  own: OwnOrdersReading,
  window: LiveWindowReading,
  maxGap: Decimal | undefined,
  error: unknown,
): PairResult {
  if (!books) return { pair, comparison: null, quality: null, window, exceeds: maxGap !== undefined, error };
  const [reference, trading] = books;
  const comparison = compareBooks(reference, trading);
  const rule = { ...olpRuleFor(pair.key), minDepth: new Dec(ctx.config().env.QUALITY_MIN_DEPTH) };
  const orders = own.ok ? (own.byMarket.get(pair.key) ?? []) : null;
  const quality = pairQuality(reference, trading, orders, rule, depthScaleOf(ctx.config(), pair.key));
  return { pair, comparison, quality, window, exceeds: exceedsMaxGap(comparison.gapPct, maxGap), error: undefined };
}

/**
 * A pair's quality as `compare --json` prints it: the fields of `md.quality.<mk>`'s figures for the
 * one snapshot compare read (tracking error in bps, ratios as decimals, uptime as met or not).
 */
export function qualityJson(q: PairQuality) {
  return {
    trackingErrorBps: jsonDecimal(q.quality.trackingErrorBps),
    spreadRatio: jsonDecimal(q.quality.spreadRatio),
    depth: q.quality.depth.map((b) => ({ bandBps: b.bandBps, depthRatio: { bids: jsonDecimal(b.ratio.bids), asks: jsonDecimal(b.ratio.asks) } })),
    uptime: q.uptime && { aggregate: q.uptime.aggregate, perOrder: q.uptime.perOrder },
    rule: { maxSpreadBps: toDecimalString(q.rule.maxSpreadBps), minDepth: toDecimalString(q.rule.minDepth) },
    depthScale: q.depthScale,
  };
}

/**
 * One side of a pair as `compare --json` prints it. `depth[].bidNotional` / `askNotional` are the
 * depth (quote units, Σ price × quantity within the band), the same numbers the gateway's
 * `GET /api/markets` shows as its bands' `bidNotional` / `askNotional`; `bidQuantity` /
 * `askQuantity` are base units and `levels` counts both sides.
 */
export function compareSideJson(side: SideMetrics, marketId: string) {
  return {
    marketId,
    mid: jsonDecimal(side.mid),
    bestBid: jsonDecimal(side.bestBid),
    bestAsk: jsonDecimal(side.bestAsk),
    spreadPct: jsonPercent(side.spreadPct),
    bidLevels: side.bidLevels,
    askLevels: side.askLevels,
    depth: side.depth.map((d) => ({
      withinPct: toDecimalString(d.band.withinPct),
      bidQuantity: toDecimalString(d.bids.baseQuantity),
      askQuantity: toDecimalString(d.asks.baseQuantity),
      bidNotional: toDecimalString(d.bids.quoteNotional),
      askNotional: toDecimalString(d.asks.quoteNotional),
      levels: d.both.levels,
    })),
  };
}

function renderComparison(results: readonly PairResult[], network: string, maxGap: Decimal | undefined): string {
  const depth = (side: SideMetrics | undefined, pct: string): string => {
    const d = side?.depth.find((x) => x.band.withinPct.eq(pct));
    return d ? formatAmount(d.both.quoteNotional, 0) : '-';
  };
  const pairOf = (r: PairResult, get: (c: MarketComparison) => string): string => (r.comparison ? get(r.comparison) : '-');
  const table = renderTable(
    [
      { header: 'MARKET', value: (r: PairResult) => r.pair.key },
      { header: 'MAINNET MID', align: 'right', value: (r: PairResult) => pairOf(r, (c) => formatDecimal(c.reference.mid, 6)) },
      { header: 'TESTNET MID', align: 'right', value: (r: PairResult) => pairOf(r, (c) => formatDecimal(c.trading.mid, 6)) },
      { header: 'GAP', align: 'right', value: (r: PairResult) => pairOf(r, (c) => formatPercent(c.gapPct)) },
      { header: 'SPREAD M/T', align: 'right', value: (r: PairResult) => pairOf(r, (c) => `${formatPercent(c.reference.spreadPct, 2, false)} / ${formatPercent(c.trading.spreadPct, 2, false)}`) },
      ...DEPTH_BANDS_PCT.map((pct) => ({
        header: `DEPTH ±${pct}% M/T`,
        align: 'right' as const,
        value: (r: PairResult) => pairOf(r, (c) => `${depth(c.reference, pct)} / ${depth(c.trading, pct)}`),
      })),
      { header: 'LEVELS M/T', align: 'right', value: (r: PairResult) => pairOf(r, (c) => `${c.reference.bidLevels + c.reference.askLevels} / ${c.trading.bidLevels + c.trading.askLevels}`) },
      { header: 'STATUS', value: (r: PairResult) => (r.error !== undefined ? 'ERROR' : r.exceeds ? 'GAP TOO WIDE' : maxGap ? 'ok' : '') },
    ],
    results,
  );
  const verdict =
    maxGap === undefined
      ? 'depth: quote notional of both sides within the band around the mainnet mid'
      : results.some((r) => r.exceeds)
        ? `FAIL: ${results.filter((r) => r.exceeds).length} of ${results.length} markets have a gap above ${maxGap.toFixed()}% (or none)`
        : `ok: every gap within ${maxGap.toFixed()}%`;
  return `${table}\n${verdict}\n\n${renderQualityTable(results)}`;
}

/** The quality table: one row per pair, the figures of `qualityJson` shortened for the terminal. */
function renderQualityTable(results: readonly PairResult[]): string {
  const ratio = (d: Decimal | null) => formatDecimal(d, 3);
  const met = (up: boolean | undefined) => (up === undefined ? '-' : up ? 'yes' : 'no');
  const of = (r: PairResult, get: (q: PairQuality) => string): string => (r.quality ? get(r.quality) : '-');
  const table = renderTable(
    [
      { header: 'MARKET', value: (r: PairResult) => r.pair.key },
      { header: 'TRACKING bps', align: 'right', value: (r: PairResult) => of(r, (q) => formatDecimal(q.quality.trackingErrorBps, 2)) },
      { header: 'SPREAD T/M', align: 'right', value: (r: PairResult) => of(r, (q) => ratio(q.quality.spreadRatio)) },
      ...QUALITY_BANDS_BPS.map((bandBps) => ({
        header: `DEPTH ${bandBps}bps B/A`,
        align: 'right' as const,
        value: (r: PairResult) =>
          of(r, (q) => {
            const band = q.quality.depth.find((b) => b.bandBps === bandBps);
            return band ? `${ratio(band.ratio.bids)} / ${ratio(band.ratio.asks)}` : '-';
          }),
      })),
      { header: 'UPTIME AGG/ORDER', align: 'right', value: (r: PairResult) => of(r, (q) => `${met(q.uptime?.aggregate)} / ${met(q.uptime?.perOrder)}`) },
      { header: 'RULE', value: (r: PairResult) => of(r, (q) => `${q.rule.maxSpreadBps.toFixed()} bps, ${q.rule.minDepth.toFixed()}${q.depthScale ? `, depthScale ${q.depthScale}` : ''}`) },
    ],
    results,
  );
  const width = Math.max(...results.map((r) => r.pair.key.length));
  const windows = results.map((r) => `${r.pair.key.padEnd(width)}  ${formatLiveWindow(r.window)}`).join('\n');
  return (
    `${table}\nquality now: tracking |testnet mid − mainnet mid| ÷ mainnet mid; spread and depth ratios testnet ÷ mainnet (depth × depthScale, within the band of each own mid); uptime: the bots' orders within MaxSpread of the testnet mid reach MinDepth on both sides (aggregate / one order)` +
    `\n\n${windows}\nlive window: the same measures over the gateway's rolling window (md.quality.<mk>, kept in Redis quality:<mk>): RMS tracking error, time-weighted spread ratio, mean depth ratio per band (bids/asks), % of the window with two-sided uptime`
  );
}

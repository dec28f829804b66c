import type Decimal from 'decimal.js';
import type { MarketPair } from '@mirrorbook/config';
import { DEPTH_BANDS_PCT, toDecimalString } from '@mirrorbook/market';
import type { CliContext } from '../cli/cli.context';
import { exitCodeOf } from '../cli/cli.errors';
import { EXIT, type ExitCode } from '../cli/exit-codes';
import { MarketReader } from '../chain/market.reader';
import { formatAmount, formatDecimal, formatPercent, jsonDecimal, jsonPercent } from '../format/number.format';
import { renderTable } from '../format/table.renderer';
import { compareBooks, exceedsMaxGap, type MarketComparison, type SideMetrics } from './market.comparison';

interface PairResult {
  readonly pair: MarketPair;
  readonly comparison: MarketComparison | null;
  readonly exceeds: boolean;
  /** why the pair could not be compared */
  readonly error: unknown;
}

/**
 * `mirrorbook compare`: mainnet vs testnet for every enabled pair (mid, gap, spread, depth
 * within 1/2/5 % of the mainnet mid, levels). Exits 1 when `--max-gap` is given and some gap is
 * above it (or unknown), 4 when a pair could not be read. On `--network mainnet` it compares
 * mainnet with testnet, as on `testnet`.
 */
export async function compareCommand(ctx: CliContext, opts: { market?: string; maxGap?: Decimal }): Promise<ExitCode> {
  const network = ctx.networkName === 'mainnet' ? 'testnet' : ctx.networkName;
  const sides = ctx.sides(network);
  const pairs = opts.market ? [ctx.market(opts.market)] : ctx.config().markets.filter((m) => m.enabled);
  const reader = new MarketReader(ctx);
  const results = await ctx.progress.step(`comparing ${pairs.length} markets (mainnet vs ${network})`, () =>
    Promise.all(
      pairs.map(async (pair): Promise<PairResult> => {
        try {
          const [reference, trading] = await Promise.all([reader.book(sides.reference, pair), reader.book(sides.trading, pair)]);
          const comparison = compareBooks(reference, trading);
          return { pair, comparison, exceeds: exceedsMaxGap(comparison.gapPct, opts.maxGap), error: undefined };
        } catch (error) {
          return { pair, comparison: null, exceeds: opts.maxGap !== undefined, error };
        }
      }),
    ),
  );
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
      })),
    },
    () => renderComparison(results, network, opts.maxGap),
  );
  for (const r of results) if (r.error !== undefined) ctx.out.note(`${r.pair.key}: ${(r.error as Error).message}`);
  const readError = results.find((r) => r.error !== undefined);
  if (readError) return exitCodeOf(readError.error);
  return failed.length > 0 ? EXIT.CHECK_FAILED : EXIT.OK;
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
  return `${table}\n${verdict}`;
}

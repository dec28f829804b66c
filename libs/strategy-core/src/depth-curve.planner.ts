import type Decimal from 'decimal.js';
import { bestPrices, Dec, depthWithin, midPrice, QUALITY_BANDS_BPS, type BookSides, type Side } from '@mirrorbook/market';
import { draw } from './rng.draw';
import type { Rng } from './seeded-rng.factory';
import type { CompiledTier, NumberRange } from './strategy-params.compiler';
import { tierLevelSpreads } from './tier.spreads';
import { priceIndexAt } from './tick.targets';

/** What one side of the staircase should look like, taken from one side of the mainnet book. */
export interface DepthTarget {
  /** the distance of mainnet's best price on this side from its mid, a fraction of the mid */
  readonly inner: number;
  /** per band of `QUALITY_BANDS_BPS`, narrowest first: mainnet's cumulative quote depth within it × depthScale */
  readonly bands: readonly { readonly within: number; readonly depth: Decimal }[];
}

/**
 * The staircase's target per side from the mainnet book: the cumulative quote depth within each
 * band of `QUALITY_BANDS_BPS` around mainnet's mid (the book-quality measure, `depthWithin`) ×
 * `depthScale`, and the distance of mainnet's best bid and ask from that mid. Null for a book
 * without a mid or a crossed one: nothing to mirror.
 */
export function depthTargets(book: BookSides, depthScale: Decimal): Record<Side, DepthTarget> | null {
  // one cycle asks several times (phase choice, each planning pass), and every bot of the market on the same book
  let byScale = computedTargets.get(book);
  if (!byScale) computedTargets.set(book, (byScale = new Map()));
  const key = depthScale.toString();
  if (!byScale.has(key)) byScale.set(key, computeDepthTargets(book, depthScale));
  return byScale.get(key)!;
}

const computedTargets = new WeakMap<BookSides, Map<string, Record<Side, DepthTarget> | null>>();

function computeDepthTargets(book: BookSides, depthScale: Decimal): Record<Side, DepthTarget> | null {
  const mid = midPrice(book);
  const { bestBid, bestAsk } = bestPrices(book);
  if (!mid || !bestBid || !bestAsk || !mid.gt(0) || bestAsk.lt(bestBid)) return null;
  const depths = QUALITY_BANDS_BPS.map((bps) => ({ within: bps / 10_000, depth: depthWithin(book, mid, new Dec(bps).div(100)) }));
  const side = (inner: Decimal, of: 'bids' | 'asks'): DepthTarget => ({
    inner: inner.div(mid).toNumber(),
    bands: depths.map(({ within, depth }) => ({ within, depth: depth[of].quoteNotional.mul(depthScale) })),
  });
  return { buy: side(mid.sub(bestBid), 'bids'), sell: side(bestAsk.sub(mid), 'asks') };
}

/**
 * How many levels each band of `QUALITY_BANDS_BPS` gets: the configured tiers' levels, each
 * counted in the narrowest band that reaches its spread (the default tiers: 11, 2, 3, 4, 4, 3).
 * The layout stays fixed while the mainnet book changes, so a stable book keeps its levels.
 */
export function levelsPerBand(tiers: readonly CompiledTier[]): number[] {
  const counts = QUALITY_BANDS_BPS.map(() => 0);
  for (const spread of tiers.flatMap(tierLevelSpreads)) {
    const band = QUALITY_BANDS_BPS.findIndex((bps) => spread * 100 <= bps);
    counts[band < 0 ? counts.length - 1 : band]! += 1;
  }
  return counts;
}

/** The inputs of one side's curve ladder, in ticks and price × quantity units. */
export interface CurveLadderInput {
  readonly side: Side;
  readonly target: DepthTarget;
  /** reference / priceTick */
  readonly referenceTicks: number;
  /** the price index nearest the reference on this side (one tick strictly inside it) */
  readonly referenceEdge: number;
  /** quote units → price × quantity units (÷ priceTick × quantityTick) */
  readonly toUnits: (quote: Decimal) => number;
  /** the smallest order at price index k, price × quantity units: the min notional or one quantity tick */
  readonly minUnitsAt: (k: number) => number;
  /** levels per band, narrowest band first (the configured tiers' layout), more where the order cap asks */
  readonly levelsPerBand: readonly number[];
  /** largest quantity index of one level */
  readonly maxQuantity: number;
  /** most levels of the side */
  readonly maxLevels: number;
  readonly sizeJitter: NumberRange;
  readonly rng: Rng;
}

/** One side's levels, nearest the reference first: price indices and their quantity indices. */
export interface CurveLadder {
  readonly levels: number[];
  readonly quantities: number[];
}

// A level sits in the middle of its slot of the band ± this share of the slot: gaps vary, and a
// level stays well inside the requote tolerance of where the previous cycle put it.
const GAP_JITTER = 0.35;

/**
 * One side of the staircase following the target curve: the innermost level at mainnet's best
 * distance from the mid (rounded away from the reference, so never tighter), then per band up to
 * its share of levels spread over the band with jittered gaps, sized so the cumulative notional at
 * each band's edge is the target (in between it follows the straight line between the edges,
 * jittered per level). A band gets no more levels than its depth increment pays smallest orders for
 * (the innermost level excepted: it is lifted to the smallest order if need be) and than it has
 * ticks, and more than its share when its depth needs more orders of `maxQuantity`; what it
 * cannot place is carried to the next band. Quantities are rounded down against the
 * cumulative target, so rounding never adds up across levels.
 */
export function curveLadder(input: CurveLadderInput): CurveLadder {
  const { side, target, referenceTicks } = input;
  const away = side === 'buy' ? -1 : 1;
  const nearer = (a: number, b: number) => (side === 'buy' ? Math.max(a, b) : Math.min(a, b));
  const farther = (a: number, b: number) => (side === 'buy' ? Math.min(a, b) : Math.max(a, b));
  // mainnet's best, rounded away from the reference: no level is ever nearer than this
  const innermost = farther(priceIndexAt(referenceTicks, side, target.inner * 100), input.referenceEdge);
  const levels: number[] = [];
  const quantities: number[] = [];
  let placed = 0;
  let from = 0;
  target.bands.forEach(({ within, depth }, j) => {
    const pinned = levels.length === 0;
    const start = pinned ? target.inner : from;
    from = within;
    if (within < target.inner) return;
    // one tick inside the band's edge (the band is measured around the testnet book's own mid),
    // except for mainnet's best itself: it is in the band, so its level is too
    const inside = side === 'buy' ? Math.ceil(referenceTicks * (1 - within)) + 1 : Math.floor(referenceTicks * (1 + within)) - 1;
    const edge = pinned ? farther(inside, innermost) : inside;
    const first = pinned ? innermost : levels[levels.length - 1]! + away;
    const ticks = (edge - first) * away + 1;
    const need = input.toUnits(depth) - placed;
    const capped = Math.ceil(need / (input.maxQuantity * Math.min(first, edge)));
    const affordable = Math.min(Math.max(input.levelsPerBand[j] ?? 0, capped), Math.floor(need / input.minUnitsAt(Math.max(first, edge))));
    // the innermost level is placed whatever its band's depth: the spread is mainnet's
    const n = Math.min(pinned ? Math.max(1, affordable) : affordable, ticks, input.maxLevels - levels.length);
    if (n <= 0 || !(edge >= 1)) return;
    const distances = spreadOver(start, within, n, pinned, input.rng);
    const shares = jitteredShares(distances, start, within, input.sizeJitter, input.rng);
    const ks = onTicks(distances.map((d) => priceIndexAt(referenceTicks, side, d * 100)), first, edge, away, nearer, farther);
    const base = placed;
    ks.forEach((k, i) => {
      const q = Math.min(input.maxQuantity, Math.max(0, Math.floor((base + need * shares[i]! - placed) / k)));
      levels.push(k);
      quantities.push(q);
      placed += k * q;
    });
  });
  return { levels, quantities };
}

/**
 * Price indices for one band's targets (nearest first), strictly stepping away from the reference,
 * from `first` to `edge` inclusive: targets that round onto one tick move outward, and the last
 * ones move back inside the edge. The caller plans no more levels than the band has ticks.
 */
function onTicks(
  targets: readonly number[],
  first: number,
  edge: number,
  away: number,
  nearer: (a: number, b: number) => number,
  farther: (a: number, b: number) => number,
): number[] {
  const ks: number[] = [];
  let previous = first - away;
  for (const t of targets) {
    previous = farther(t, previous + away);
    ks.push(previous);
  }
  let limit = edge;
  for (let i = ks.length - 1; i >= 0; i--) {
    ks[i] = nearer(ks[i]!, limit);
    limit = ks[i]! - away;
  }
  return ks;
}

/**
 * n distances in (start, end], each in the middle of its equal slot ± `GAP_JITTER`; with `pinned`
 * the first sits at `start` itself (mainnet's best) and the rest share the band.
 */
function spreadOver(start: number, end: number, n: number, pinned: boolean, rng: Rng): number[] {
  const free = pinned ? n - 1 : n;
  const spread = Array.from({ length: free }, (_, i) => start + ((end - start) * (i + 0.5 + draw.uniform(rng, -GAP_JITTER, GAP_JITTER))) / free);
  return pinned ? [start, ...spread] : spread;
}

/**
 * Cumulative shares (the last is 1) of a band's depth increment up to each level: each level's
 * slot of the band (from the midpoint with its inner neighbour to the one with its outer
 * neighbour: the straight line between the band edges) × 1 ± a drawn size jitter.
 */
function jitteredShares(distances: readonly number[], start: number, end: number, jitter: NumberRange, rng: Rng): number[] {
  const bounds = [start, ...distances.slice(1).map((d, i) => (d + distances[i]!) / 2), end];
  const weights = distances.map((_, i) => (bounds[i + 1]! - bounds[i]!) * (1 + draw.sign(rng) * draw.uniform(rng, jitter.min, jitter.max)));
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return distances.map((_, i) => (i + 1) / distances.length);
  let sum = 0;
  return weights.map((w, i) => (i === weights.length - 1 ? 1 : (sum += w) / total));
}

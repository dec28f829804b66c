import type { Side } from '@mirrorbook/market';
import { curveLadder, depthTargets, levelsPerBand } from './depth-curve.planner';
import { releaseOffDepthBands } from './band-depth.rule';
import { claimLevels, type LevelClaims } from './level.claims';
import type { OrderBuilder } from './order.builder';
import type { AssessedOwnOrder } from './own-order.model';
import type { PhasePlan } from './phase-plan.model';
import { planActions } from './plan.actions';
import type { PlanningContext } from './planning.context';
import { draw } from './rng.draw';
import type { CompiledTier } from './strategy-params.compiler';
import { priceIndexAt, quantityIndexAt } from './tick.targets';
import { tierLevelSpreads } from './tier.spreads';

const SIDES: readonly Side[] = ['buy', 'sell'];

/**
 * BOOK_BUILDING: a full staircase around the reference. With a mainnet book it follows that
 * book's depth curve × `depthScale` (`curveLadder`, docs/architecture.md#depth-curve): innermost
 * levels at mainnet's spread, own orders inside it cancelled, sizes scaled down as a whole when
 * the funds bind. Without one it falls back to the configured tiers: per side, each tier's levels spread
 * evenly over the tier's spread range (level i of n in the middle of its slice), sizes base size
 * ± a jitter drawn per level. A level that would round onto the tick of the level before it moves
 * out by whole ticks, so coarse ticks give a denser ladder, never duplicates; a ladder that would
 * then reach past the deepest tier's spread stops there (fewer levels, none priced further out
 * than configured).
 *
 * A level the bot already quotes within the requote tolerance (`claimLevels`) is kept as it is, so
 * a second build at the same reference plans nothing and one after a small move of the reference
 * requotes only the inner levels: the stale quote of a level is cancelled and the level placed
 * again. Own orders on the wrong side of the reference are cancelled: they would cross the new
 * staircase.
 */
export function planBookBuilding(ctx: PlanningContext): PhasePlan {
  return planStaircase(ctx, 'build', 'BOOK_BUILDING');
}

/**
 * MAINTENANCE while its interval runs (docs/architecture.md#cadence): only the staircase's price
 * following — levels whose quote the reference left beyond the tolerance are requoted, levels
 * nearer the reference than the side's innermost held one are placed (all of them for a side the
 * bot does not quote at all), and wrong-side orders cancelled. Deeper missing levels wait for the
 * next maintenance or build. Plans nothing while the reference stays within the tolerance.
 */
export function planRequote(ctx: PlanningContext): PhasePlan {
  return planStaircase(ctx, 'requote', 'MAINTENANCE');
}

/**
 * MAINTENANCE with a mainnet book to mirror (docs/architecture.md#depth-curve): the depth curve is
 * the book's shape, so upkeep is the whole staircase — missing levels placed, bands off the curve
 * resized, quotes the reference left requoted — rather than the tiers' freshening in depth stages,
 * whose small orders and cancels of the oldest would wear the curve down.
 */
export function planCurveUpkeep(ctx: PlanningContext): PhasePlan {
  return planStaircase(ctx, 'build', 'MAINTENANCE');
}

function planStaircase(ctx: PlanningContext, mode: 'build' | 'requote', phase: PhasePlan['phase']): PhasePlan {
  const shape = staircaseShape(ctx);
  const notes = [...shape.notes];
  const tooTight = new Set(shape.tooTight);
  const cancelled = [...ctx.assessment.ownOrders.filter((o) => o.wrongSide), ...shape.tooTight];
  // a stale quote is planned as resting (it goes only once its level is placed), so a level that
  // cannot be placed again leaves the old quote where it is rather than no quote at all
  const gone = new Set(cancelled);
  const resting = ctx.assessment.ownOrders.filter((o) => !gone.has(o));
  const sizes = shape.sizes && affordable(ctx, ctx.builder(cancelled), { ...shape, sizes: shape.sizes }, resting, notes);
  const resized: AssessedOwnOrder[] = [];
  const surplus: AssessedOwnOrder[] = [];
  // levels whose holder is resized are placed again in either mode, as a stale quote's level is
  const resizedLevels = { buy: new Set<number>(), sell: new Set<number>() };
  const claims = {} as Record<Side, LevelClaims>;
  const priceTick = ctx.grid.market.priceTick;
  for (const side of SIDES) {
    const own = ctx.assessment.ownOrders
      .filter((o) => o.order.side === side && !o.wrongSide && !tooTight.has(o))
      .map((order) => ({ order, ticks: order.price.div(priceTick).toNumber() }));
    const levels = shape.ladders[side];
    const byPrice = claimLevels(side, levels, ctx.referenceEdge[side], ctx.referenceTicks, own, ctx.params.cadence.requoteTolerance);
    if (!sizes) {
      claims[side] = byPrice;
      continue;
    }
    const claimed = new Set([...byPrice.holders, ...byPrice.stale]);
    const bands = releaseOffDepthBands({
      claims: byPrice,
      levels,
      planned: levels.map((k, i) => placedQuantity(ctx, k, sizes[side][i]!)),
      unclaimed: own.filter(({ order }) => !claimed.has(order)).map(({ order }) => ({ order, k: ctx.grid.indexOf(order.price, side) })),
      quantityOf: (o) => quantityIndexOf(ctx, o),
      referenceTicks: ctx.referenceTicks,
      tolerance: ctx.params.cadence.depthTolerance,
    });
    claims[side] = bands.claims;
    resized.push(...bands.released);
    surplus.push(...bands.surplus);
    bands.released.forEach((o) => resizedLevels[side].add(byPrice.holders.indexOf(o)));
  }
  const builder = ctx.builder([...cancelled, ...surplus], resized);
  const requoted: AssessedOwnOrder[] = [];
  // requote: the levels inside the innermost one the bot still holds follow the reference at once
  const innermostHeld = (side: Side) => {
    const i = claims[side].holders.findIndex((h) => h !== undefined);
    return i < 0 ? Infinity : i;
  };
  const inside = { buy: innermostHeld('buy'), sell: innermostHeld('sell') };
  const { sizeJitter } = ctx.params.bookBuilding;
  const maxQ = quantityIndexAt(ctx.baseTicks, 1 + sizeJitter.max);
  const depth = Math.max(shape.ladders.buy.length, shape.ladders.sell.length);
  for (let i = 0; i < depth; i++) {
    for (const side of SIDES) {
      const k = shape.ladders[side][i];
      if (k === undefined) continue;
      const size = sizes ? sizes[side][i]! : tierSize(ctx, maxQ);
      const stale = claims[side].stale[i];
      if (claims[side].holders[i] || builder.isTaken(side, k)) continue;
      if (mode === 'requote' && !stale && !resizedLevels[side].has(i) && i >= inside[side]) continue;
      if (builder.place(side, k, size.q, { maxQ: size.maxQ }) && stale) requoted.push(stale);
    }
  }
  if (shape.tooTight.length > 0) notes.push(`${shape.tooTight.length} quotes inside mainnet's spread cancelled`);
  if (surplus.length > 0) notes.push(`${surplus.length} quotes beyond the depth curve cancelled: their band carried more than mainnet’s × depthScale`);
  if (resized.length > 0) notes.push(`${resized.length} quotes resized: their depth band was off mainnet’s × depthScale by more than the tolerance`);
  if (requoted.length > 0) notes.push(`${requoted.length} quotes requoted: price or size off by more than the tolerance`);
  return { phase, actions: planActions([...cancelled, ...surplus, ...resized, ...requoted], builder.creates), notes: [...notes, ...builder.notes()] };
}

/** A resting order's remaining size as a quantity index. */
function quantityIndexOf(ctx: PlanningContext, o: AssessedOwnOrder): number {
  return o.quantity.gt(0) ? ctx.grid.quantityIndex(o.quantity) : 0;
}

/** The quantity index the builder places at price index `k` for `size`: lifted to the smallest order where `maxQ` allows. */
function placedQuantity(ctx: PlanningContext, k: number, size: LevelSize): number {
  return Math.min(size.maxQ, Math.max(size.q, ctx.grid.minQuantityAt(k)));
}

/** One level's quantity index and the largest the min-notional bump may lift it to. */
interface LevelSize {
  readonly q: number;
  readonly maxQ: number;
}

/** A configured tier level's size: base size ± a jitter drawn per level (drawn for held levels too, so the draws do not depend on them). */
function tierSize(ctx: PlanningContext, maxQ: number): LevelSize {
  const { sizeJitter } = ctx.params.bookBuilding;
  const jitter = draw.sign(ctx.rng) * draw.uniform(ctx.rng, sizeJitter.min, sizeJitter.max);
  return { q: quantityIndexAt(ctx.baseTicks, 1 + jitter), maxQ };
}

/** Where the staircase's levels go and, following the mainnet book, how large they are. */
interface StaircaseShape {
  /** per side, price indices nearest the reference first */
  readonly ladders: Record<Side, number[]>;
  /** per side and level, quantity indices; undefined: the configured tiers, sized from `baseSize` */
  readonly sizes?: Record<Side, number[]>;
  /** own orders nearer the reference than the innermost level: inside mainnet's spread */
  readonly tooTight: readonly AssessedOwnOrder[];
  readonly notes: string[];
}

/**
 * The depth curve of the mainnet book (docs/architecture.md#depth-curve) when there is one, else
 * the configured tiers (and a note that says so).
 */
function staircaseShape(ctx: PlanningContext): StaircaseShape {
  const targets = ctx.referenceBook && depthTargets(ctx.referenceBook, ctx.params.depthScale);
  if (!targets) return tierShape(ctx, [ctx.referenceBook ? 'mainnet book one-sided or crossed: configured tiers' : 'no mainnet book: configured tiers']);
  const perBand = levelsPerBand(ctx.params.bookBuilding.tiers);
  const ladder = (side: Side) =>
    curveLadder({
      side,
      target: targets[side],
      referenceTicks: ctx.referenceTicks,
      referenceEdge: ctx.referenceEdge[side],
      toUnits: (quote) => quote.div(ctx.grid.unit).toNumber(),
      minUnitsAt: (k) => k * ctx.grid.minQuantityAt(k),
      levelsPerBand: perBand,
      maxQuantity: Math.max(1, quantityIndexAt(ctx.baseTicks, ctx.params.maxOrderSize)),
      maxLevels: ctx.params.maxOrdersPerSide,
      sizeJitter: ctx.params.bookBuilding.sizeJitter,
      rng: ctx.rng,
    });
  const buy = ladder('buy');
  const sell = ladder('sell');
  const inner = { buy: buy.levels[0], sell: sell.levels[0] };
  const tooTight = ctx.assessment.ownOrders.filter((o) => {
    const k = inner[o.order.side];
    return !o.wrongSide && k !== undefined && (o.order.side === 'buy' ? o.price.gt(ctx.grid.priceText(k)) : o.price.lt(ctx.grid.priceText(k)));
  });
  return { ladders: { buy: buy.levels, sell: sell.levels }, sizes: { buy: buy.quantities, sell: sell.quantities }, tooTight, notes: [] };
}

function tierShape(ctx: PlanningContext, notes: string[]): StaircaseShape {
  const ladders = { buy: [] as number[], sell: [] as number[] };
  for (const side of SIDES) {
    const { levels, cut } = ladder(ctx.referenceTicks, ctx.referenceEdge[side], side, ctx.params.bookBuilding.tiers);
    ladders[side] = levels;
    if (cut > 0) notes.push(`${cut} ${side} levels left out: ticks too coarse for the tier spreads`);
  }
  return { ladders, tooTight: [], notes };
}

/**
 * The curve's sizes the wallet can afford: when the whole side (counting the bot's own orders
 * that stay on it, `resting`, as funds it holds) does not fit the budget, every level is scaled by the same factor, so the
 * curve keeps its shape and its outer bands rather than losing them. A scaled level is never
 * lifted to the min notional (that would take funds from the levels after it).
 */
function affordable(
  ctx: PlanningContext,
  builder: OrderBuilder,
  { ladders, sizes }: Pick<Required<StaircaseShape>, 'ladders' | 'sizes'>,
  resting: readonly AssessedOwnOrder[],
  notes: string[],
): Record<Side, LevelSize[]> {
  const result = {} as Record<Side, LevelSize[]>;
  for (const side of SIDES) {
    const wanted = ladders[side].map((k, i) => ({ k, q: sizes[side][i]! }));
    const held = resting
      .filter((o) => o.order.side === side)
      .map((o) => ({ k: ctx.grid.indexOf(o.price, side), q: quantityIndexOf(ctx, o) }));
    const scale = builder.fit(side, wanted, held);
    if (scale < 1) notes.push(`funds bind: the ${side} depth curve scaled to ${(scale * 100).toFixed(1)} %`);
    result[side] = wanted.map(({ k, q }) =>
      scale < 1 ? { q: Math.floor(q * scale), maxQ: Math.floor(q * scale) } : { q, maxQ: Math.max(q, ctx.grid.minQuantityAt(k)) },
    );
  }
  return result;
}

/**
 * One side's price indices, nearest the reference first, each at least one tick beyond the one
 * before, none beyond the deepest tier's spread; `cut` counts the levels that did not fit.
 */
function ladder(
  referenceTicks: number,
  innermost: number,
  side: Side,
  tiers: readonly CompiledTier[],
): { levels: number[]; cut: number } {
  const deepest = priceIndexAt(referenceTicks, side, Math.max(...tiers.map((t) => t.spread.max)));
  const levels: number[] = [];
  let total = 0;
  let previous = side === 'buy' ? innermost + 1 : innermost - 1;
  for (const tier of tiers) {
    for (const spread of tierLevelSpreads(tier)) {
      total++;
      const target = priceIndexAt(referenceTicks, side, spread);
      const k = side === 'buy' ? Math.min(target, previous - 1) : Math.max(target, previous + 1);
      if (side === 'buy' ? k < Math.max(deepest, 1) : k > deepest) continue;
      levels.push(k);
      previous = k;
    }
  }
  return { levels, cut: total - levels.length };
}

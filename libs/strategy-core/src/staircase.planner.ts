import type { Side } from '@mirrorbook/market';
import { claimLevels, type LevelClaims } from './level.claims';
import type { AssessedOwnOrder } from './own-order.model';
import type { PhasePlan } from './phase-plan.model';
import { planActions } from './plan.actions';
import type { PlanningContext } from './planning.context';
import { draw } from './rng.draw';
import type { CompiledTier } from './strategy-params.compiler';
import { priceIndexAt, quantityIndexAt } from './tick.targets';

const SIDES: readonly Side[] = ['buy', 'sell'];

/**
 * BOOK_BUILDING: a full staircase around the reference — per side, each tier's levels spread
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

function planStaircase(ctx: PlanningContext, mode: 'build' | 'requote', phase: PhasePlan['phase']): PhasePlan {
  const { tiers, sizeJitter } = ctx.params.bookBuilding;
  const wrongSide = ctx.assessment.ownOrders.filter((o) => o.wrongSide);
  const notes: string[] = [];
  const ladders = { buy: [] as number[], sell: [] as number[] };
  const claims = {} as Record<Side, LevelClaims>;
  const priceTick = ctx.grid.market.priceTick;
  for (const side of SIDES) {
    const { levels, cut } = ladder(ctx.referenceTicks, ctx.referenceEdge[side], side, tiers);
    ladders[side] = levels;
    if (cut > 0) notes.push(`${cut} ${side} levels left out: ticks too coarse for the tier spreads`);
    const own = ctx.assessment.ownOrders
      .filter((o) => o.order.side === side && !o.wrongSide)
      .map((order) => ({ order, ticks: order.price.div(priceTick).toNumber() }));
    claims[side] = claimLevels(side, levels, ctx.referenceEdge[side], ctx.referenceTicks, own, ctx.params.cadence.requoteTolerance);
  }
  // a stale quote is planned as resting (it goes only once its level is placed), so a level that
  // cannot be placed again leaves the old quote where it is rather than no quote at all
  const builder = ctx.builder(wrongSide);
  const requoted: AssessedOwnOrder[] = [];
  // requote: the levels inside the innermost one the bot still holds follow the reference at once
  const innermostHeld = (side: Side) => {
    const i = claims[side].holders.findIndex((h) => h !== undefined);
    return i < 0 ? Infinity : i;
  };
  const inside = { buy: innermostHeld('buy'), sell: innermostHeld('sell') };
  const maxQ = quantityIndexAt(ctx.baseTicks, 1 + sizeJitter.max);
  const depth = Math.max(ladders.buy.length, ladders.sell.length);
  for (let i = 0; i < depth; i++) {
    for (const side of SIDES) {
      const k = ladders[side][i];
      if (k === undefined) continue;
      const jitter = draw.sign(ctx.rng) * draw.uniform(ctx.rng, sizeJitter.min, sizeJitter.max);
      const stale = claims[side].stale[i];
      if (claims[side].holders[i] || builder.isTaken(side, k)) continue;
      if (mode === 'requote' && !stale && i >= inside[side]) continue;
      if (builder.place(side, k, quantityIndexAt(ctx.baseTicks, 1 + jitter), { maxQ }) && stale) requoted.push(stale);
    }
  }
  if (requoted.length > 0) notes.push(`${requoted.length} quotes requoted: the reference moved beyond the tolerance`);
  return { phase, actions: planActions([...wrongSide, ...requoted], builder.creates), notes: [...notes, ...builder.notes()] };
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
    for (let i = 0; i < tier.levels; i++) {
      total++;
      const spread = tier.spread.min + ((tier.spread.max - tier.spread.min) * (i + 0.5)) / tier.levels;
      const target = priceIndexAt(referenceTicks, side, spread);
      const k = side === 'buy' ? Math.min(target, previous - 1) : Math.max(target, previous + 1);
      if (side === 'buy' ? k < Math.max(deepest, 1) : k > deepest) continue;
      levels.push(k);
      previous = k;
    }
  }
  return { levels, cut: total - levels.length };
}

import type { Side } from '@mirrorbook/market';
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
 * Levels where the bot already has an order are kept as they are (not re-placed), so a second
 * build at the same reference plans nothing. Own orders on the wrong side of the reference are
 * cancelled: they would cross the new staircase.
 */
export function planBookBuilding(ctx: PlanningContext): PhasePlan {
  const { tiers, sizeJitter } = ctx.params.bookBuilding;
  const cancels = ctx.assessment.ownOrders.filter((o) => o.wrongSide);
  const builder = ctx.builder(cancels);
  const notes: string[] = [];
  const ladders = { buy: [] as number[], sell: [] as number[] };
  for (const side of SIDES) {
    const { levels, cut } = ladder(ctx.referenceTicks, builder.referenceEdge(side), side, tiers);
    ladders[side] = levels;
    if (cut > 0) notes.push(`${cut} ${side} levels left out: ticks too coarse for the tier spreads`);
  }
  const maxQ = quantityIndexAt(ctx.baseTicks, 1 + sizeJitter.max);
  const depth = Math.max(ladders.buy.length, ladders.sell.length);
  for (let i = 0; i < depth; i++) {
    for (const side of SIDES) {
      const k = ladders[side][i];
      if (k === undefined) continue;
      const jitter = draw.sign(ctx.rng) * draw.uniform(ctx.rng, sizeJitter.min, sizeJitter.max);
      if (builder.isTaken(side, k)) continue;
      builder.place(side, k, quantityIndexAt(ctx.baseTicks, 1 + jitter), { maxQ });
    }
  }
  return { phase: 'BOOK_BUILDING', actions: planActions(cancels, builder.creates), notes: [...notes, ...builder.notes()] };
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

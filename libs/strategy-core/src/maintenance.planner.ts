import type { Side } from '@mirrorbook/market';
import { pickCancels } from './cancel.picker';
import type { PhasePlan } from './phase-plan.model';
import { planActions } from './plan.actions';
import type { PlanningContext } from './planning.context';
import { draw } from './rng.draw';
import { priceIndexAt, quantityIndexAt } from './tick.targets';

const SIDES: readonly Side[] = ['buy', 'sell'];

/**
 * MAINTENANCE: refresh depth in one band per cycle — a few small maker orders a side at spreads
 * drawn within the current depth stage, and cancel the oldest orders (any own order on the wrong
 * side of the reference first, as it would cross). The stage index comes in with the cycle state
 * and the plan names the next one, so the planner stays pure while cycling through the stages.
 */
export function planMaintenance(ctx: PlanningContext): PhasePlan {
  const { perSide, size, cancelOldest, stages } = ctx.params.maintenance;
  const { rng } = ctx;
  const band = stages[ctx.stage]!;
  const cancels = pickCancels(ctx.assessment.ownOrders, draw.int(rng, cancelOldest.min, cancelOldest.max), 'oldest', true);
  const builder = ctx.builder(cancels);
  const counts = { buy: draw.int(rng, perSide.min, perSide.max), sell: draw.int(rng, perSide.min, perSide.max) };
  const maxQ = quantityIndexAt(ctx.baseTicks, size.max);
  const outermost = {
    buy: priceIndexAt(ctx.referenceTicks, 'buy', band.max),
    sell: priceIndexAt(ctx.referenceTicks, 'sell', band.max),
  };
  for (let i = 0; i < Math.max(counts.buy, counts.sell); i++) {
    for (const side of SIDES) {
      if (i >= counts[side]) continue;
      const target = priceIndexAt(ctx.referenceTicks, side, draw.uniform(rng, band.min, band.max));
      const quantity = quantityIndexAt(ctx.baseTicks, draw.uniform(rng, size.min, size.max));
      const k = builder.free(side, builder.clampInside(side, target), outermost[side]);
      if (k !== null) builder.place(side, k, quantity, { maxQ });
    }
  }
  const actions = planActions(cancels, builder.creates);
  return { phase: 'MAINTENANCE', actions, nextStage: (ctx.stage + 1) % stages.length, notes: builder.notes() };
}

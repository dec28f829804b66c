import type { Side } from '@mirrorbook/market';
import { pickCancels } from './cancel.picker';
import type { PhasePlan } from './phase-plan.model';
import { planActions } from './plan.actions';
import type { PlanningContext } from './planning.context';
import { draw } from './rng.draw';
import { priceIndexAt, quantityIndexAt } from './tick.targets';

/**
 * MARKET_MOVING: cancel the bot's orders farthest from the reference and place orders at the
 * reference with large sizes and tight spreads, alternating between the side that pushes the
 * testnet price toward the reference (sells when testnet is above it, buys when below; these may
 * take liquidity, within `maxTakerNotionalPerCycle`) and the side that supports the new price
 * (maker-only). Every order still sits on its own side of the reference. A taking order may meet
 * one of the bot's own older orders the cancels did not reach; the taker cap bounds that too.
 */
export function planMarketMoving(ctx: PlanningContext): PhasePlan {
  const { cancelFarthest, creates, size, spread } = ctx.params.marketMoving;
  const { rng, assessment } = ctx;
  const cancels = pickCancels(assessment.ownOrders, draw.int(rng, cancelFarthest.min, cancelFarthest.max), 'farthest');
  const builder = ctx.builder(cancels);
  const push: Side = assessment.gapPct?.gt(0) ? 'sell' : 'buy';
  const support: Side = push === 'sell' ? 'buy' : 'sell';
  const count = draw.int(rng, creates.min, creates.max);
  const maxQ = quantityIndexAt(ctx.baseTicks, size.max);
  const outermost = {
    buy: priceIndexAt(ctx.referenceTicks, 'buy', spread.max),
    sell: priceIndexAt(ctx.referenceTicks, 'sell', spread.max),
  };
  for (let i = 0; i < count; i++) {
    const side = i % 2 === 0 ? push : support;
    const target = priceIndexAt(ctx.referenceTicks, side, draw.uniform(rng, spread.min, spread.max));
    const quantity = quantityIndexAt(ctx.baseTicks, draw.uniform(rng, size.min, size.max));
    const k = builder.free(side, builder.clampInside(side, target), outermost[side]);
    if (k === null) continue;
    builder.place(side, k, quantity, { mayTake: side === push, maxQ });
  }
  const actions = planActions(cancels, builder.creates);
  return { phase: 'MARKET_MOVING', actions, notes: builder.notes() };
}

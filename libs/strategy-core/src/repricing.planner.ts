import type { Side } from '@mirrorbook/market';
import { pickCancels } from './cancel.picker';
import type { PhasePlan } from './phase-plan.model';
import { planActions } from './plan.actions';
import type { PlanningContext } from './planning.context';
import { draw } from './rng.draw';
import { quantityIndexAt } from './tick.targets';

/**
 * REPRICING (gap between the maintenance and market-moving thresholds, depth good; see
 * `selectPhase` for why): move the book toward the reference with maker orders only.
 *
 * - cancel every order of the bot on the wrong side of the reference (a bid above it or an ask
 *   below it is mispriced against mainnet and holds the testnet price off: withdrawing them a
 *   few a cycle left a 10 % jump unfollowed for 10+ blocks), and at least as many as maintenance
 *   would (`maintenance.cancelOldest`), the farthest from the reference next;
 * - place `maintenance.perSide` orders (maintenance sizes) on the side that pulls the testnet
 *   price toward the reference, spread evenly over the ticks between the reference and the
 *   testnet mid, nearest the reference first, without crossing the book or the bot's own orders.
 *
 * When other traders' orders fill the whole window there is nothing to post; the cancels still
 * apply, and a gap that widens past the market-moving threshold hands over to MARKET_MOVING.
 */
export function planRepricing(ctx: PlanningContext): PhasePlan {
  const { perSide, size, cancelOldest } = ctx.params.maintenance;
  const { rng, assessment, grid } = ctx;
  const wrongSide = assessment.ownOrders.filter((o) => o.wrongSide).length;
  const cancels = pickCancels(assessment.ownOrders, Math.max(wrongSide, draw.int(rng, cancelOldest.min, cancelOldest.max)), 'farthest', true);
  const builder = ctx.builder(cancels);
  const notes: string[] = [];
  const mid = assessment.mid;
  if (mid !== null) {
    const side: Side = mid.gt(assessment.reference) ? 'sell' : 'buy';
    // [near, far]: from the innermost maker tick toward the mid, the mid itself included
    const near = builder.makerEdge(side);
    const far = side === 'sell' ? grid.priceIndex(mid, 'buy') : grid.priceIndex(mid, 'sell');
    const width = side === 'sell' ? far - near : near - far;
    const count = draw.int(rng, perSide.min, perSide.max);
    const maxQ = quantityIndexAt(ctx.baseTicks, size.max);
    if (width < 0) notes.push('no free tick between the reference and the testnet mid');
    for (let i = 0; i < count && width >= 0; i++) {
      const offset = count === 1 ? 0 : Math.round((width * i) / (count - 1));
      const quantity = quantityIndexAt(ctx.baseTicks, draw.uniform(rng, size.min, size.max));
      const k = builder.free(side, side === 'sell' ? near + offset : near - offset, far);
      if (k !== null) builder.place(side, k, quantity, { maxQ });
    }
  }
  return { phase: 'REPRICING', actions: planActions(cancels, builder.creates), notes: [...notes, ...builder.notes()] };
}

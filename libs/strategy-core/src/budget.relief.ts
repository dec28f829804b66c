import type { OrderAction } from '@mirrorbook/contracts';
import { Dec, type Side } from '@mirrorbook/market';
import { pickCancels } from './cancel.picker';
import type { OrderBuilder } from './order.builder';
import type { AssessedOwnOrder } from './own-order.model';
import type { TickGrid } from './tick.grid';

const SIDES: readonly Side[] = ['buy', 'sell'];

/**
 * Derivatives: the position budget counts every resting order of a side, so once it binds the far
 * levels hold the room the near ones need. Measured on the perp gap shock (bot short ≈ 36 of a 50
 * cap): maintenance moved the one tight ask outward, the deep asks kept the sell room, the build
 * could not re-place the tight level and the testnet mid drifted 1.6–2 % off mainnet.
 *
 * Per side where the plan left orders out for want of budget: the bot's orders still resting after
 * the plan that sit farther from the reference than the nearest order left out, farthest first,
 * one per order left out. Planning again without them places the nearer levels instead.
 */
export function pickBudgetRelief(
  grid: TickGrid,
  kept: readonly AssessedOwnOrder[],
  actions: readonly OrderAction[],
  builders: readonly OrderBuilder[],
): AssessedOwnOrder[] {
  const cancelled = new Set(actions.flatMap((a) => (a.type === 'cancel' ? [a.orderHash] : [])));
  const relief: AssessedOwnOrder[] = [];
  for (const side of SIDES) {
    const dropped = builders.flatMap((b) => b.budgetDrops(side));
    if (dropped.length === 0) continue;
    const nearest = new Dec(grid.priceText(side === 'buy' ? Math.max(...dropped) : Math.min(...dropped)));
    const farther = kept.filter(
      (o) => o.order.side === side && !cancelled.has(o.order.orderHash) && (side === 'buy' ? o.price.lt(nearest) : o.price.gt(nearest)),
    );
    relief.push(...pickCancels(farther, dropped.length, 'farthest'));
  }
  return relief;
}

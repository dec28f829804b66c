import type Decimal from 'decimal.js';
import { Dec, type Side } from '@mirrorbook/market';
import { fitFactor, quantityOf, type Lot, type OrderBudget } from './order-budget.model';
import type { AssessedOwnOrder } from './own-order.model';
import type { TickGrid } from './tick.grid';

/**
 * Derivatives: the net position may not pass ±`maxNetPosition` even if every resting order of
 * the bot filled. Room to buy = max − position − open (non-reduce-only) buys; to sell, symmetric.
 * Orders cancelled by this plan no longer count. When the side that grows |position| has no room
 * left, that side gets nothing and the other side is planned reduce-only, at most the position
 * minus the reduce-only orders already resting (the chain refuses more). Margin is the
 * executor's check.
 */
export function createPositionBudget(
  grid: TickGrid,
  position: Decimal,
  maxNetPosition: Decimal,
  remaining: readonly AssessedOwnOrder[],
): OrderBudget {
  let openBuy = new Dec(0);
  let openSell = new Dec(0);
  let reducingBuy = new Dec(0);
  let reducingSell = new Dec(0);
  for (const own of remaining) {
    if (own.order.side === 'buy') {
      if (own.order.reduceOnly) reducingBuy = reducingBuy.add(own.quantity);
      else openBuy = openBuy.add(own.quantity);
    } else if (own.order.reduceOnly) reducingSell = reducingSell.add(own.quantity);
    else openSell = openSell.add(own.quantity);
  }
  const ticks = (value: Decimal): number => (value.gt(0) ? grid.quantityIndex(value) : 0);
  const room = { buy: ticks(maxNetPosition.sub(position).sub(openBuy)), sell: ticks(maxNetPosition.add(position).sub(openSell)) };
  const reducing = { buy: false, sell: false };
  if (room.buy === 0 && position.gt(0)) {
    reducing.sell = true;
    room.sell = ticks(position.sub(reducingSell));
  } else if (room.sell === 0 && position.lt(0)) {
    reducing.buy = true;
    room.buy = ticks(position.neg().sub(reducingBuy));
  }
  return {
    room: (side: Side) => room[side],
    reduceOnly: (side: Side) => reducing[side],
    consume(side: Side, _k: number, q: number): void {
      room[side] -= q;
    },
    fit: (side: Side, wanted: readonly Lot[], resting: readonly Lot[]) => fitFactor(room[side] + quantityOf(resting), quantityOf(wanted)),
  };
}

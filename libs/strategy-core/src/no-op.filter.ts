import type { CreateOrderAction, OrderAction } from '@mirrorbook/contracts';
import type { AssessedOwnOrder } from './own-order.model';

/**
 * The plan without the pairs that cancel one of the bot's resting orders and create the same order
 * again (side, price, quantity and reduce-only alike, maker-only): such a pair costs gas and
 * changes nothing, and a plan made only of them is no plan (no tx).
 */
export function withoutNoOps(actions: readonly OrderAction[], own: readonly AssessedOwnOrder[]): OrderAction[] {
  const cancelled = new Map<AssessedOwnOrder, OrderAction>();
  for (const a of actions) {
    const o = a.type === 'cancel' ? own.find((x) => x.order.orderHash === a.orderHash) : undefined;
    if (o) cancelled.set(o, a);
  }
  const dropped = new Set<OrderAction>();
  for (const action of actions) {
    if (action.type !== 'create' || !action.postOnly) continue;
    const same = [...cancelled.keys()].find((o) => recreates(action, o));
    if (!same) continue;
    dropped.add(action).add(cancelled.get(same)!);
    cancelled.delete(same);
  }
  return actions.filter((a) => !dropped.has(a));
}

function recreates(create: CreateOrderAction, o: AssessedOwnOrder): boolean {
  return (
    create.side === o.order.side &&
    o.price.eq(create.price) &&
    o.quantity.eq(create.quantity) &&
    create.reduceOnly === (o.order.reduceOnly ?? false)
  );
}

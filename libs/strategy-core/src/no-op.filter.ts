import type { CreateOrderAction, OrderAction } from '@mirrorbook/contracts';
import type { AssessedOwnOrder } from './own-order.model';

/**
 * The plan without the pairs that cancel one of the bot's resting orders and create the same order
 * again (side, price, quantity and reduce-only alike, maker-only): such a pair costs gas and
 * changes nothing, and a plan made only of them is no plan (no tx).
 */
export function withoutNoOps(actions: readonly OrderAction[], own: readonly AssessedOwnOrder[]): OrderAction[] {
  const byHash = new Map(own.map((o) => [o.order.orderHash, o]));
  const cancelled = actions.flatMap((a) => (a.type === 'cancel' && byHash.has(a.orderHash) ? [byHash.get(a.orderHash)!] : []));
  const dropped = new Set<OrderAction>();
  for (const action of actions) {
    if (action.type !== 'create' || !action.postOnly) continue;
    const same = cancelled.find((o) => !dropped.has(cancelOf(actions, o)!) && recreates(action, o));
    if (!same) continue;
    dropped.add(action);
    dropped.add(cancelOf(actions, same)!);
  }
  return dropped.size === 0 ? [...actions] : actions.filter((a) => !dropped.has(a));
}

function cancelOf(actions: readonly OrderAction[], o: AssessedOwnOrder): OrderAction | undefined {
  return actions.find((a) => a.type === 'cancel' && a.orderHash === o.order.orderHash);
}

function recreates(create: CreateOrderAction, o: AssessedOwnOrder): boolean {
  return (
    create.side === o.order.side &&
    o.price.eq(create.price) &&
    o.quantity.eq(create.quantity) &&
    (create.reduceOnly ?? false) === (o.order.reduceOnly ?? false)
  );
}

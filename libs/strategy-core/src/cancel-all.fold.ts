import type { OrderAction } from '@mirrorbook/contracts';
import type { AssessedOwnOrder } from './own-order.model';

/**
 * A plan that cancels every order the bot holds on the market says so with one cancel-all
 * (`…_market_ids_to_cancel_all`, run by the chain before the batch's creates) instead of a cancel
 * per order: after a large reference move the whole book is replaced, and a cancel per stored order
 * — orders takers filled since the executor last reconciled among them — spent the plan's action
 * budget (`maxActionsPerPlan`) that the new book's creates need. The executor then also drops every
 * stored order of the market at once and counts none of them in its pre-trade checks.
 */
export function foldIntoCancelAll(actions: readonly OrderAction[], own: readonly AssessedOwnOrder[]): OrderAction[] {
  const cancelled = new Set(actions.flatMap((a) => (a.type === 'cancel' ? [a.orderHash] : [])));
  if (cancelled.size < 2 || own.some((o) => !cancelled.has(o.order.orderHash))) return [...actions];
  return [{ type: 'cancelAll' }, ...actions.filter((a) => a.type !== 'cancel' && a.type !== 'cancelAll')];
}

import type { OrderAction } from '@mirrorbook/contracts';
import type { Side } from '@mirrorbook/market';
import type { AssessedOwnOrder } from './own-order.model';
import { pickCancels } from './cancel.picker';

/**
 * Keeps the bot's resting orders per side at most `maxPerSide` once the plan is applied: where the
 * plan would leave more, the farthest remaining orders of that side are cancelled too (the tight
 * levels near the reference are what paper traders meet, so they stay). Maintenance
 * places 5–8 a side and cancels 4–6 in total each cycle, so without a cap a book grows every
 * block until the chain's own limit (100 derivative orders a side per subaccount) refuses orders.
 */
export function capOpenOrders(actions: readonly OrderAction[], own: readonly AssessedOwnOrder[], maxPerSide: number): OrderAction[] {
  const cancelled = new Set(actions.flatMap((a) => (a.type === 'cancel' ? [a.orderHash] : [])));
  if (actions.some((a) => a.type === 'cancelAll')) return [...actions];
  const extra: OrderAction[] = [];
  for (const side of ['buy', 'sell'] as Side[]) {
    const remaining = own.filter((o) => o.order.side === side && !cancelled.has(o.order.orderHash));
    const created = actions.filter((a) => a.type === 'create' && a.side === side).length;
    const excess = remaining.length + created - maxPerSide;
    for (const o of pickCancels(remaining, excess, 'farthest')) extra.push({ type: 'cancel', orderHash: o.order.orderHash });
  }
  if (extra.length === 0) return [...actions];
  const firstCreate = actions.findIndex((a) => a.type === 'create');
  const at = firstCreate < 0 ? actions.length : firstCreate;
  return [...actions.slice(0, at), ...extra, ...actions.slice(at)];
}

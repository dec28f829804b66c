import type { CreateOrderAction, OrderAction } from '@mirrorbook/contracts';
import type { AssessedOwnOrder } from './own-order.model';

/** A plan's actions in execution order: cancels first, so the creates meet the book without them. */
export function planActions(cancels: readonly AssessedOwnOrder[], creates: readonly CreateOrderAction[]): OrderAction[] {
  return [...cancels.map((c) => ({ type: 'cancel' as const, orderHash: c.order.orderHash })), ...creates];
}

import type { MarketPlan, OrderAction } from '@mirrorbook/contracts';

/** Creates, cancels and cancel-alls (one per market) plans put into a tx. Pure. */
export function txItemCount(plans: readonly MarketPlan[]): number {
  let count = 0;
  for (const plan of plans) {
    count += plan.actions.filter((a: OrderAction) => a.type !== 'cancelAll').length;
    if (plan.actions.some((a) => a.type === 'cancelAll')) count += 1;
  }
  return count;
}

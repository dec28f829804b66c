import type { MarketPlan, OrderAction } from '@mirrorbook/contracts';
import type { RunnableIntent } from '../intents/intent.triage';

/** The intents that go into the next tx and those that wait for the one after. */
export interface BatchSelection {
  readonly now: readonly RunnableIntent[];
  readonly later: readonly RunnableIntent[];
}

/** Creates, cancels and cancel-alls (one per market) plans put into a tx. */
export function txItemCount(plans: readonly MarketPlan[]): number {
  let count = 0;
  for (const plan of plans) {
    count += plan.actions.filter((a: OrderAction) => a.type !== 'cancelAll').length;
    if (plan.actions.some((a) => a.type === 'cancelAll')) count += 1;
  }
  return count;
}

/**
 * Takes intents in arrival order while their items fit into `maxItems` (always at least the
 * first; triage has refused every intent larger than one tx); the rest wait for the next tx.
 */
export function selectForBatch(runnable: readonly RunnableIntent[], maxItems: number): BatchSelection {
  const now: RunnableIntent[] = [];
  let items = 0;
  let index = 0;
  for (; index < runnable.length; index++) {
    const count = txItemCount(runnable[index].plans);
    if (now.length > 0 && items + count > maxItems) break;
    now.push(runnable[index]);
    items += count;
  }
  return { now, later: runnable.slice(index) };
}

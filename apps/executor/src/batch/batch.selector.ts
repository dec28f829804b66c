import type { RunnableIntent } from '../intents/intent.triage';
import { txItemCount } from './tx-item.count';

/** The intents that go into the next tx and those that wait for the one after. */
export interface BatchSelection {
  readonly now: readonly RunnableIntent[];
  readonly later: readonly RunnableIntent[];
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

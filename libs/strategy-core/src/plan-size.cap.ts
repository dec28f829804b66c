import type { OrderAction } from '@mirrorbook/contracts';

/**
 * Keeps a plan within `maxActions` creates and cancels, because the executor refuses a larger
 * intent whole (`EXEC_MAX_ACTIONS_PER_INTENT`): after a large reference move a full depth curve
 * re-planned from scratch carries every resting order's cancel and every level's create. The
 * cancels stay (they take wrong-side, stale and surplus quotes away and free the funds), then the
 * creates in the planner's order, nearest the reference first; the creates left out are planned
 * again next cycle, against the book this one leaves.
 */
export function capPlanSize(actions: readonly OrderAction[], maxActions: number): { actions: OrderAction[]; deferred: number } {
  if (actions.length <= maxActions) return { actions: [...actions], deferred: 0 };
  let room = maxActions - actions.filter((a) => a.type !== 'create').length;
  let deferred = 0;
  let keptOthers = 0;
  const kept = actions.filter((a) => {
    if (a.type !== 'create') return keptOthers++ < maxActions;
    if (room > 0) {
      room--;
      return true;
    }
    deferred++;
    return false;
  });
  return { actions: kept, deferred };
}

import type { CheckedIntent } from '../checks/pre-trade.checker';
import type { MergedBatch, MergedCreate, MergedMarket } from './merged-batch.model';

interface MarketDraft {
  cancelAll: boolean;
  cancels: Set<string>;
  creates: MergedCreate[];
}

/**
 * Merges the accepted plans of several intents, across markets, into one batch: per market a
 * cancel-all wins over single cancels, a hash cancelled twice is cancelled once, creates keep
 * their order. Intents left without any accepted action are not carried. Null when nothing is
 * left to send.
 */
export function mergeIntents(checked: readonly CheckedIntent[]): MergedBatch | null {
  const drafts = new Map<string, MarketDraft>();
  const bookSeqs = new Map<string, number>();
  const intentIds: string[] = [];
  let plannedAt = Number.POSITIVE_INFINITY;
  for (const { intent, plans } of checked) {
    if (plans.length === 0) continue;
    intentIds.push(intent.id);
    plannedAt = Math.min(plannedAt, intent.ts);
    for (const plan of plans) {
      let draft = drafts.get(plan.market);
      if (!draft) {
        draft = { cancelAll: false, cancels: new Set(), creates: [] };
        drafts.set(plan.market, draft);
      }
      bookSeqs.set(plan.market, Math.max(bookSeqs.get(plan.market) ?? -1, plan.basedOn.bookSeq));
      for (const action of plan.actions) {
        if (action.type === 'cancelAll') draft.cancelAll = true;
        else if (action.type === 'cancel') draft.cancels.add(action.orderHash.toLowerCase());
        else draft.creates.push({ market: plan.market, action, bot: intent.bot, intentId: intent.id });
      }
    }
  }
  if (intentIds.length === 0) return null;
  const markets: MergedMarket[] = [...drafts].map(([market, d]) => ({
    market,
    cancelAll: d.cancelAll,
    cancels: d.cancelAll ? [] : [...d.cancels],
    creates: d.creates,
  }));
  return { intentIds, markets, bookSeqs, plannedAt };
}

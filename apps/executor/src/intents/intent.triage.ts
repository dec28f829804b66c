import { bookSeqIssue, type BatchIntent, type MarketPlan, type TimeIssue } from '@mirrorbook/contracts';
import { txItemCount } from '../batch/tx-item.count';

/** An intent that still has work, with the plans that survived supersession. */
export interface RunnableIntent {
  readonly intent: BatchIntent;
  readonly plans: readonly MarketPlan[];
  /** markets of plans dropped because a newer plan for the same market exists */
  readonly supersededMarkets: readonly string[];
}

/** What to do with each pending intent. */
export interface IntentTriage {
  /** a plan claims a book newer than any the feed published: report `rejected`, count as invalid */
  readonly aheadOfBook: readonly { readonly intent: BatchIntent; readonly issue: TimeIssue }[];
  /** past their deadline: report `expired` */
  readonly expired: readonly BatchIntent[];
  /** every plan replaced by a newer one: report `superseded` */
  readonly superseded: readonly BatchIntent[];
  /** their bot is not running: report `rejected` */
  readonly botNotRunning: readonly BatchIntent[];
  /** more tx items than one intent may carry: report `rejected` (never signed: it would run out of gas) */
  readonly tooLarge: readonly { readonly intent: BatchIntent; readonly items: number }[];
  readonly runnable: readonly RunnableIntent[];
}

/** Inputs of `triageIntents`. */
export interface TriageInput {
  /** waiting intents in arrival order */
  readonly pending: readonly BatchIntent[];
  /** ms since epoch */
  readonly now: number;
  /** per market key: the highest book `seq` already applied for this wallet */
  readonly lastAppliedBookSeq: ReadonlyMap<string, number>;
  /** per market key: the newest book `seq` the feed published (`md:book:<mk>`); absent = none known */
  readonly newestBookSeq: ReadonlyMap<string, number>;
  readonly botRunning: (botId: string) => boolean;
  /** most tx items (creates, cancels, one per cancel-all market) an intent may carry */
  readonly maxActionsPerIntent: number;
}

/**
 * Sorts the waiting intents of one wallet (docs/architecture.md#intent-lifetime): refuses those
 * with a plan built from a book newer than any published (`bookSeqIssue`), first, so such a plan
 * supersedes nothing; drops the expired, refuses those of bots that are not running and those
 * larger than `maxActionsPerIntent`, and supersedes, per market, every plan built from an older
 * book than the newest one pending or the last one applied. Among plans built from the same book, the last one
 * of each bot wins (a re-plan), while different bots' plans stand together.
 */
export function triageIntents(input: TriageInput): IntentTriage {
  const aheadOfBook: { intent: BatchIntent; issue: TimeIssue }[] = [];
  const expired: BatchIntent[] = [];
  const botNotRunning: BatchIntent[] = [];
  const tooLarge: { intent: BatchIntent; items: number }[] = [];
  const live: BatchIntent[] = [];
  for (const intent of input.pending) {
    const items = txItemCount(intent.plans);
    const issue = firstBookSeqIssue(intent, input.newestBookSeq, input.now);
    if (issue) aheadOfBook.push({ intent, issue });
    else if (input.now > intent.deadline) expired.push(intent);
    else if (!input.botRunning(intent.bot)) botNotRunning.push(intent);
    else if (items > input.maxActionsPerIntent) tooLarge.push({ intent, items });
    else live.push(intent);
  }

  const newestSeq = new Map<string, number>();
  for (const intent of live) {
    for (const plan of intent.plans) {
      newestSeq.set(plan.market, Math.max(newestSeq.get(plan.market) ?? -1, plan.basedOn.bookSeq));
    }
  }
  // the last intent of a bot planned from the newest book wins over its earlier re-plans
  const winner = new Map<string, BatchIntent>();
  for (const intent of live) {
    for (const plan of intent.plans) {
      if (plan.basedOn.bookSeq === newestSeq.get(plan.market)) winner.set(`${plan.market}\u0000${intent.bot}`, intent);
    }
  }

  const superseded: BatchIntent[] = [];
  const runnable: RunnableIntent[] = [];
  for (const intent of live) {
    const plans: MarketPlan[] = [];
    const supersededMarkets: string[] = [];
    for (const plan of intent.plans) {
      const applied = input.lastAppliedBookSeq.get(plan.market);
      const stale =
        (applied !== undefined && plan.basedOn.bookSeq < applied) ||
        winner.get(`${plan.market}\u0000${intent.bot}`) !== intent ||
        plan.basedOn.bookSeq !== newestSeq.get(plan.market);
      if (stale) supersededMarkets.push(plan.market);
      else plans.push(plan);
    }
    if (plans.length === 0) superseded.push(intent);
    else runnable.push({ intent, plans, supersededMarkets });
  }
  return { aheadOfBook, expired, superseded, botNotRunning, tooLarge, runnable };
}

function firstBookSeqIssue(intent: BatchIntent, newestBookSeq: ReadonlyMap<string, number>, now: number): TimeIssue | undefined {
  for (const plan of intent.plans) {
    const issue = bookSeqIssue(plan.basedOn.bookSeq, newestBookSeq.get(plan.market), now);
    if (issue) return { ...issue, detail: `${plan.market}: ${issue.detail}` };
  }
  return undefined;
}

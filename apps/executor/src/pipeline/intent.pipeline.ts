import { reportMarkers, type BatchIntent, type ExecutionReport, type MarketPlan, type OrderAction, type OrderEvent } from '@mirrorbook/contracts';
import { countInvalidInput } from '@mirrorbook/messaging';
import { mergeIntents } from '../batch/batch.merger';
import { selectForBatch } from '../batch/batch.selector';
import { checkPreTrade, type CheckedIntent } from '../checks/pre-trade.checker';
import { TakerWindow } from '../checks/taker.window';
import type { IntentInbox } from '../intents/intent.inbox';
import { triageIntents, type IntentTriage } from '../intents/intent.triage';
import { executionReports } from '../reporting/execution-report.factory';
import type { ExecutionReporter } from '../reporting/execution.reporter';
import type { BatchResult, BatchSender } from '../sending/batch.sender';
import type { ChainSession } from '../session/chain.session';
import type { ExecutorSettings } from '../settings/executor.settings';
import { executorMetrics } from '../shared/executor.metrics';
import type { RedisWriteOutbox } from '../shared/redis-write.outbox';
import type { TenureGuard } from '../shared/tenure.guard';
import type { BotStateRegistry } from '../state/bot-state.registry';
import type { WalletStateStore } from '../state/wallet-state.store';
import type { ExecutorWallet } from '../wallet/executor-wallet';
import { loadPreTradeContext, type PreTradeContextParts } from './pre-trade-context.loader';

/** What the pipeline works with. */
export interface IntentPipelineParts extends Omit<PreTradeContextParts, 'takerWindow'> {
  readonly wallet: ExecutorWallet;
  readonly settings: Pick<ExecutorSettings, 'limits' | 'maxOrdersPerTx' | 'maxActionsPerIntent'>;
  readonly store: Pick<WalletStateStore, 'referencePrice' | 'tradingPrice' | 'ordersByMarket' | 'newestBookSeqs' | 'markApplied' | 'appliedAmong'>;
  readonly bots: Pick<BotStateRegistry, 'bot' | 'paramsOf' | 'running'>;
  readonly reporter: Pick<ExecutionReporter, 'report' | 'orderEvents'>;
  readonly inbox: Pick<IntentInbox, 'settle'>;
  readonly outbox: Pick<RedisWriteOutbox, 'add' | 'flush'>;
}

interface PendingIntent {
  intent: BatchIntent;
  readonly receivedAt: number;
  attempts: number;
  /** looked up among the intents a tx already applied */
  screened: boolean;
}

const MAX_INTENT_ATTEMPTS = 3;
/** At most one reconciliation a second is asked for by refusals (each reads every market's orders). */
const REFUSAL_RECONCILE_GAP_MS = 1000;
/** How long past its deadline an applied intent is remembered: a replay later than that expires anyway. */
const APPLIED_MEMORY_MARGIN_MS = 60_000;

/**
 * The wallet's waiting intents, from arrival to their last report (docs/architecture.md#intent-lifetime):
 * each pass drops the expired, superseded and refused (each reported), runs the pre-trade checks
 * on what fits into one tx, reports what they refused, merges the rest into one batch for the
 * sender, and settles every intent that is done (acked and counted by outcome).
 */
export class IntentPipeline {
  private readonly pending = new Map<string, PendingIntent>();
  private readonly takerWindow: TakerWindow;
  private reconcileAsked = false;
  private reconcileAskedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly parts: IntentPipelineParts,
    private readonly session: ChainSession,
    private readonly sender: BatchSender,
  ) {
    this.takerWindow = new TakerWindow(parts.settings.limits.windowMs);
  }

  /** Intents waiting. */
  get size(): number {
    return this.pending.size;
  }

  /** When the oldest waiting intent arrived, ms since epoch; undefined when none waits. */
  get oldestReceivedAt(): number | undefined {
    return this.pending.values().next().value?.receivedAt;
  }

  /**
   * True once after the checks refused an action on the wallet's holdings (stored orders, balances):
   * the executor learns of fills only when it reconciles, so orders takers filled still count until
   * then, and the strategy's next plan would be refused the same way.
   */
  takeReconcileRequest(): boolean {
    const asked = this.reconcileAsked;
    this.reconcileAsked = false;
    return asked;
  }

  /** A new intent from the inbox. */
  add(intent: BatchIntent): void {
    this.pending.set(intent.id, { intent, receivedAt: Date.now(), attempts: 0, screened: false });
  }

  /** Reports an intent refused before it could wait (the time rule) as rejected, with `reason`, and settles it. */
  async refuse(intent: BatchIntent, reason: string): Promise<void> {
    await this.finish(intent, executionReports.forDropped(intent, 'rejected', reason, Date.now(), failedOf(intent.plans.flatMap((p) => p.actions), reason)));
  }

  /** Forgets every waiting intent (the tenure ended: the inbox gives them back to the queue). */
  clear(): void {
    this.pending.clear();
  }

  /** One pass over the waiting intents; `idle` when nothing was left to send. */
  async run(guard: TenureGuard): Promise<BatchResult | 'idle'> {
    await this.refuseReplays(Date.now());
    const pending = [...this.pending.values()].map((p) => p.intent);
    const newestBookSeq = await this.newestBookSeqs(pending);
    const now = Date.now();
    const triage = triageIntents({
      pending,
      now,
      lastAppliedBookSeq: this.sender.lastAppliedBookSeq,
      newestBookSeq,
      botRunning: (id) => this.parts.bots.running(id),
      maxActionsPerIntent: this.parts.settings.maxActionsPerIntent,
    });
    await this.reportDropped(triage, now);

    const selection = selectForBatch(triage.runnable, this.parts.settings.maxOrdersPerTx);
    if (selection.now.length === 0) return 'idle';
    const run = await this.sender.run(guard, async () => {
      const keys = selection.now.flatMap((r) => r.plans.map((p) => p.market));
      const orders = await this.parts.store.ordersByMarket(keys);
      const checked = checkPreTrade(selection.now, await loadPreTradeContext({ ...this.parts, takerWindow: this.takerWindow }, this.session, keys, orders, Date.now()));
      await this.reportRejections(checked, Date.now());
      const batch = mergeIntents(checked);
      return batch ? { batch, orders } : null;
    });
    if (!run.batch) return run.result;
    const entries = run.batch.intentIds.map((id) => this.pending.get(id)).filter((e): e is PendingIntent => e !== undefined);
    // the intents of a batch share its fate, so one report can say whether they are tried again
    const retrying = run.result === 'retry' && entries.every((e) => e.attempts + 1 < MAX_INTENT_ATTEMPTS);
    if (run.failure) await this.sender.reportFailure(run.batch, run.failure, retrying);
    if (run.result === 'applied') {
      const marks = entries.map((e) => ({ id: e.intent.id, keepUntil: e.intent.deadline + APPLIED_MEMORY_MARGIN_MS }));
      this.parts.outbox.add(`applied markers of ${run.batch.intentIds.join(',')}`, () => this.parts.store.markApplied(marks, Date.now()));
      await this.parts.outbox.flush();
    }
    for (const entry of entries) {
      entry.attempts += 1;
      // unknown: reported, never sent again; the sender settles the tx and reports its outcome
      if (run.result === 'applied' || run.result === 'unknown') await this.finish(entry.intent, null, run.result);
      else if (!retrying && run.result !== 'paused') await this.finish(entry.intent, null, 'failed');
    }
    return run.result;
  }

  /**
   * Refuses the new intents a tx of this wallet already applied — a replay, by a redelivery after a
   * failover or by anyone who can publish an intent — with a report and without a tx.
   */
  private async refuseReplays(now: number): Promise<void> {
    const fresh = [...this.pending.values()].filter((p) => !p.screened);
    if (fresh.length === 0) return;
    const applied = await this.parts.store.appliedAmong(fresh.map((p) => p.intent.id));
    for (const entry of fresh) {
      entry.screened = true;
      if (!applied.has(entry.intent.id)) continue;
      const reason = `intent ${entry.intent.id} was applied already: a replay, nothing sent`;
      await this.finish(entry.intent, executionReports.forDropped(entry.intent, 'rejected', reason, now, failedOf(entry.intent.plans.flatMap((p) => p.actions), reason)));
    }
  }

  /**
   * The executor's view of the books the pending plans claim: the feed's newest book seq per
   * market. Unreadable (Redis away) it is empty, and the clock bounds the seqs instead.
   */
  private async newestBookSeqs(pending: readonly BatchIntent[]): Promise<ReadonlyMap<string, number>> {
    if (pending.length === 0) return new Map();
    const keys = [...new Set(pending.flatMap((i) => i.plans.map((p) => p.market)))];
    return this.parts.store.newestBookSeqs(keys).catch(() => new Map<string, number>());
  }

  /** Reports and settles the expired, superseded and refused intents; reports the superseded plans of the rest. */
  private async reportDropped(triage: IntentTriage, now: number): Promise<void> {
    for (const { intent, issue } of triage.aheadOfBook) {
      countInvalidInput('intent', issue.reason);
      const reason = `refused: ${issue.detail}`;
      await this.finish(intent, executionReports.forDropped(intent, 'rejected', reason, now, failedOf(intent.plans.flatMap((p) => p.actions), reason)));
    }
    for (const intent of triage.expired) {
      await this.finish(intent, executionReports.forDropped(intent, 'expired', `deadline passed ${now - intent.deadline} ms before it could be sent`, now));
    }
    for (const intent of triage.superseded) {
      await this.finish(intent, executionReports.forDropped(intent, 'superseded', 'a plan from a newer book for the same market replaced it', now));
    }
    for (const intent of triage.botNotRunning) {
      const reason = `bot ${intent.bot} is not running`;
      await this.finish(intent, executionReports.forDropped(intent, 'rejected', reason, now, failedOf(intent.plans.flatMap((p) => p.actions), reason)));
    }
    for (const { intent, items } of triage.tooLarge) {
      const reason = `intent carries ${items} creates and cancels, above the per-intent limit ${this.parts.settings.maxActionsPerIntent}`;
      await this.finish(intent, executionReports.forDropped(intent, 'rejected', reason, now, failedOf(intent.plans.flatMap((p) => p.actions), reason)));
    }
    for (const runnable of triage.runnable) {
      if (runnable.supersededMarkets.length === 0) continue;
      const dropped = runnable.intent.plans.filter((p) => runnable.supersededMarkets.includes(p.market));
      const reason = `plans for ${runnable.supersededMarkets.join(', ')} replaced by a newer book`;
      await this.parts.reporter.report(
        executionReports.forDropped(runnable.intent, 'superseded', `${reason}${reportMarkers.restGoesAhead}`, now, failedOf(dropped.flatMap((p) => p.actions), reason)),
      );
      this.keepPlans(runnable.intent, runnable.plans);
    }
  }

  private async reportRejections(checked: readonly CheckedIntent[], now: number): Promise<void> {
    for (const { intent, plans, rejected } of checked) {
      if (rejected.length === 0) continue;
      const failed = rejected.map((r) => ({ cid: cidOf(r.action, r.market), reason: r.reason }));
      const events: OrderEvent[] = rejected.flatMap((r) =>
        r.action.type === 'create'
          ? [{ v: 1 as const, wallet: intent.wallet, market: r.market, kind: 'rejected' as const, orderHash: null, cid: r.action.cid, side: r.action.side, price: r.action.price, quantity: r.action.quantity, reason: r.reason, height: null, ts: now }]
          : [],
      );
      if (rejected.some((r) => r.onHoldings) && now - this.reconcileAskedAt >= REFUSAL_RECONCILE_GAP_MS) {
        this.reconcileAsked = true;
        this.reconcileAskedAt = now;
      }
      const summary = [...new Set(rejected.map((r) => r.reason))].slice(0, 3).join('; ');
      const report = executionReports.forDropped(intent, 'rejected', `pre-trade checks refused ${rejected.length} action(s): ${summary}`, now, failed);
      await this.parts.reporter.orderEvents(events);
      if (plans.length === 0) {
        await this.finish(intent, report, 'rejected');
      } else {
        await this.parts.reporter.report({ ...report, error: `${report.error}${reportMarkers.restGoesAhead}` });
        this.keepPlans(intent, plans);
      }
    }
  }

  private keepPlans(intent: BatchIntent, plans: readonly MarketPlan[]): void {
    const entry = this.pending.get(intent.id);
    if (entry) entry.intent = { ...entry.intent, plans: [...plans] };
  }

  /** Publishes the intent's last report (when given), acks it and forgets it. */
  private async finish(intent: BatchIntent, report: ExecutionReport | null, outcome = report?.outcome ?? 'failed'): Promise<void> {
    if (report) await this.parts.reporter.report(report);
    this.pending.delete(intent.id);
    this.parts.inbox.settle(intent.id, 'ack');
    executorMetrics.intents().inc({ wallet: this.parts.wallet.id, outcome });
  }
}

function cidOf(action: OrderAction, market: string): string {
  if (action.type === 'create') return action.cid;
  return action.type === 'cancel' ? action.orderHash : `cancelAll:${market}`;
}

function failedOf(actions: readonly OrderAction[], reason: string): { cid: string; reason: string }[] {
  return actions.flatMap((a) => (a.type === 'create' ? [{ cid: a.cid, reason }] : a.type === 'cancel' ? [{ cid: a.orderHash, reason }] : []));
}

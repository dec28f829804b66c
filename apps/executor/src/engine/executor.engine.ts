import { Logger } from '@nestjs/common';
import type { AppConfig, BotEntry } from '@mirrorbook/config';
import { reportMarkers, type BatchIntent, type MarketPlan, type OrderAction, type OrderEvent, type StoredOrder } from '@mirrorbook/contracts';
import { assertSigningAllowed, DEFAULT_CANCEL_ALL_ORDERS_PER_MARKET, MainnetTradingRefusedError, MAX_CANCELS_PER_TX } from '@mirrorbook/injective';
import { Dec, type Market } from '@mirrorbook/market';
import type { LifecycleService } from '@mirrorbook/observability';
import { buildBatchInput } from '../batch/batch-input.builder';
import { mapBatchOutcome } from '../batch/batch-outcome.mapper';
import { mergeIntents } from '../batch/batch.merger';
import { selectForBatch } from '../batch/batch.selector';
import { cancelAllGroups } from '../batch/cancel-all.groups';
import type { MergedBatch } from '../batch/merged-batch.model';
import { WalletBreaker } from '../breaker/wallet.breaker';
import type { ChainGateway } from '../chain/chain.gateway';
import type { IncludedTx, TxSubmitter } from '../chain/tx.submitter';
import { checkPreTrade, type CheckedIntent } from '../checks/pre-trade.checker';
import type { ChainGuard, PreTradeContext, ReferencePrice } from '../checks/pre-trade.context';
import type { IntentInbox } from '../intents/intent.inbox';
import type { IntentSink } from '../intents/intent.sink';
import { triageIntents } from '../intents/intent.triage';
import type { ReconciliationService } from '../reconcile/reconciliation.service';
import { executionReports } from '../reporting/execution-report.factory';
import type { ExecutionReporter } from '../reporting/execution.reporter';
import type { SequenceManager } from '../sequence/sequence.manager';
import type { ExecutorSettings } from '../settings/executor.settings';
import { abortableSleep } from '../shared/abortable.sleep';
import { BatchNotAppliedError } from '../shared/batch-not-applied.error';
import { executorMetrics } from '../shared/executor.metrics';
import { LeaseLostError } from '../shared/lease-lost.error';
import type { TenureGuard } from '../shared/tenure.guard';
import type { AccountStateRefresher } from '../state/account-state.refresher';
import type { BotStateListener } from '../state/bot-state.listener';
import type { BotStateRegistry } from '../state/bot-state.registry';
import type { WalletStateStore } from '../state/wallet-state.store';
import type { ExecutorWallet } from '../wallet/executor-wallet';
import { TxFailedError } from './tx-failed.error';

/** The collaborators of the engine (built by `createExecutorEngine`), each narrowed to what the engine uses. */
export interface EngineParts {
  readonly config: Pick<AppConfig, 'markets'>;
  readonly settings: ExecutorSettings;
  readonly wallet: ExecutorWallet;
  readonly chain: Pick<ChainGateway, 'chainId' | 'market'>;
  readonly store: Pick<WalletStateStore, 'orders' | 'applyOrderChanges' | 'referencePrice'>;
  readonly sequence: Pick<SequenceManager, 'loaded' | 'next' | 'load' | 'refresh' | 'reset'>;
  readonly submitter: Pick<TxSubmitter, 'submit'>;
  readonly reporter: Pick<ExecutionReporter, 'report' | 'orderEvents'>;
  readonly reconciler: Pick<ReconciliationService, 'reconcile'>;
  readonly account: Pick<AccountStateRefresher, 'available' | 'refresh' | 'invalidate'>;
  readonly bots: Pick<BotStateRegistry, 'bots' | 'bot' | 'running' | 'paramsOf' | 'load'>;
  readonly inbox: Pick<IntentInbox, 'start' | 'stop' | 'settle'>;
  readonly lifecycle: Pick<LifecycleService, 'transition'>;
}

interface PendingIntent {
  intent: BatchIntent;
  readonly receivedAt: number;
  attempts: number;
}

interface CancelRequest {
  readonly markets: readonly string[];
  readonly label: string;
  attempts: number;
}

type BatchResult = 'applied' | 'failed' | 'retry' | 'paused';

interface PreparedBatch {
  readonly batch: MergedBatch;
  readonly orders: ReadonlyMap<string, StoredOrder[]>;
}

/** What became of one prepared batch; `failure` when it was sent (or tried) and did not apply. */
interface BatchRun {
  readonly result: BatchResult | 'idle';
  readonly batch?: MergedBatch;
  readonly failure?: Error;
}

/** Balances read within this long are reused by the next batch's checks (about one block). */
const BALANCES_MAX_AGE_MS = 700;
const MAX_INTENT_ATTEMPTS = 3;
const MAX_CANCEL_ATTEMPTS = 5;
const PAUSED_POLL_MS = 200;
const RETRY_PAUSE_MS = 100;
const TAKEOVER_RETRY_MS = [500, 1000, 2000, 5000, 10_000];

/**
 * The wallet's trading loop for one lease tenure (docs/architecture.md#executor-guarantees): takes over (chain id, markets,
 * sequence, bot states, reconciliation), then repeatedly drops expired, superseded and refused
 * intents (each reported), runs the pre-trade checks, merges what is left across markets into one
 * tx, sends it through the circuit breaker, and publishes the outcome (report, order events,
 * Redis state). Between batches it reconciles and refreshes the sequence on schedule and cancels
 * the orders of bots switched to stopped. One tx is in flight at a time.
 */
export class ExecutorEngine implements IntentSink, BotStateListener {
  private readonly logger = new Logger(ExecutorEngine.name);
  private readonly breaker: WalletBreaker;
  private readonly pending = new Map<string, PendingIntent>();
  private readonly lastApplied = new Map<string, number>();
  private readonly cancelRequests: CancelRequest[] = [];
  private readonly markets = new Map<string, Market>();
  private chainId: string | undefined;
  private active = false;
  private drain = new AbortController();
  private wake: (() => void) | undefined;
  private nextReconcileAt = 0;
  private nextRefreshAt = 0;
  private lastTx: { hash: string; height: number } | undefined;

  constructor(private readonly parts: EngineParts) {
    const { settings, lifecycle } = parts;
    this.breaker = new WalletBreaker({
      failures: settings.breakerFailures,
      cooldownMs: settings.breakerCooldownMs,
      maxCooldownMs: settings.breakerMaxCooldownMs,
      onPause: (reason) => {
        executorMetrics.breakerTrips().inc({ wallet: settings.walletId });
        this.logger.warn(`wallet ${settings.walletId} paused after ${settings.breakerFailures} failed batches in a row (trip ${this.breaker.trips}): ${reason}`);
        lifecycle.transition('paused');
      },
      onResume: () => {
        this.logger.log(`wallet ${settings.walletId} resumed: a probe batch succeeded`);
        if (this.active) lifecycle.transition('running');
      },
    });
  }

  /** Facts for the heartbeat. */
  status(): Record<string, string | number | boolean | null> {
    return {
      chainId: this.chainId ?? null,
      sequence: this.parts.sequence.loaded ? this.parts.sequence.next : null,
      pendingIntents: this.pending.size,
      breaker: this.breaker.state,
      breakerTrips: this.breaker.trips,
      lastTxHash: this.lastTx?.hash ?? null,
      lastTxHeight: this.lastTx?.height ?? null,
    };
  }

  /** A new intent from the inbox. */
  intentReceived(intent: BatchIntent): void {
    if (!this.active) return;
    this.pending.set(intent.id, { intent, receivedAt: Date.now(), attempts: 0 });
    this.wake?.();
  }

  /** A bot was switched to stopped: cancel its orders on the markets no running bot of the wallet shares. */
  botStopped(bot: BotEntry): void {
    if (!this.active) return;
    const shared = new Set(this.parts.bots.bots.filter((b) => b.id !== bot.id && this.parts.bots.running(b.id)).flatMap((b) => b.markets));
    const markets = bot.markets.filter((m) => !shared.has(m) && this.markets.has(m));
    if (markets.length === 0) return;
    this.logger.log(`bot ${bot.id} stopped: cancelling all orders on ${markets.join(', ')}`);
    this.cancelRequests.push({ markets, label: `stop-${bot.id}`, attempts: 0 });
    this.wake?.();
  }

  /** Stops taking work: the tx in flight finishes, then the tenure ends. */
  stopTakingWork(): void {
    this.drain.abort();
    this.wake?.();
  }

  /**
   * Runs one tenure until the lease is lost (`guard.signal`) or `stopTakingWork` is called; with
   * `cancelAllAtEnd` the wallet's orders are cancelled before a graceful end.
   */
  async runTenure(guard: TenureGuard, token: number, cancelAllAtEnd: () => boolean): Promise<void> {
    this.drain = new AbortController();
    this.active = true;
    const stop = AbortSignal.any([guard.signal, this.drain.signal]);
    try {
      if (!(await this.takeover(token, guard, stop))) return;
      this.parts.lifecycle.transition('running');
      await this.parts.inbox.start(this);
      while (!stop.aborted) {
        await this.waitForWork(stop);
        if (stop.aborted) break;
        try {
          await this.cycle(guard, stop);
        } catch (error) {
          if (guard.signal.aborted || error instanceof LeaseLostError) throw error;
          if (stop.aborted) break;
          this.logger.error(`executor cycle failed: ${(error as Error).message}`);
          await abortableSleep(500, stop).catch(() => undefined);
        }
      }
      if (!guard.signal.aborted && cancelAllAtEnd()) await this.cancelEverything(guard);
    } catch (error) {
      if (!(guard.signal.aborted || error instanceof LeaseLostError)) throw error;
      this.logger.warn(`tenure ended: ${(guard.signal.reason as Error | undefined)?.message ?? (error as Error).message}`);
    } finally {
      this.active = false;
      await this.parts.inbox.stop();
      this.pending.clear();
      this.cancelRequests.length = 0;
      this.parts.sequence.reset();
      this.parts.account.invalidate();
    }
  }

  private async takeover(token: number, guard: TenureGuard, stop: AbortSignal): Promise<boolean> {
    for (let attempt = 0; !stop.aborted; attempt++) {
      try {
        await guard.assertActive();
        this.chainId = await this.parts.chain.chainId();
        await this.loadMarkets();
        await this.parts.sequence.load(token);
        await this.parts.bots.load(this);
        await this.reconcile(guard);
        this.nextRefreshAt = Date.now() + this.parts.settings.sequenceRefreshMs;
        this.logger.log(`took over wallet ${this.parts.wallet.id} on ${this.chainId} with fencing token ${token}`);
        return true;
      } catch (error) {
        if (guard.signal.aborted || error instanceof LeaseLostError) throw error;
        const delay = TAKEOVER_RETRY_MS[Math.min(attempt, TAKEOVER_RETRY_MS.length - 1)];
        this.logger.warn(`takeover of wallet ${this.parts.wallet.id} failed (${(error as Error).message}); retrying in ${delay} ms`);
        await abortableSleep(delay, stop).catch(() => undefined);
      }
    }
    return false;
  }

  private async loadMarkets(): Promise<void> {
    const keys = new Set(this.parts.bots.bots.flatMap((b) => b.markets));
    for (const pair of this.parts.config.markets) {
      if (!keys.has(pair.key) || this.markets.has(pair.key)) continue;
      this.markets.set(pair.key, await this.parts.chain.market(pair));
    }
  }

  private async waitForWork(stop: AbortSignal): Promise<void> {
    if (this.pending.size > 0 || this.cancelRequests.length > 0) return;
    const dueIn = Math.min(this.nextReconcileAt, this.nextRefreshAt) - Date.now();
    if (dueIn <= 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, dueIn);
      function done() {
        clearTimeout(timer);
        stop.removeEventListener('abort', done);
        resolve();
      }
      this.wake = done;
      stop.addEventListener('abort', done, { once: true });
    });
    this.wake = undefined;
  }

  private async cycle(guard: TenureGuard, stop: AbortSignal): Promise<void> {
    if (this.cancelRequests.length > 0) await this.runCancelRequests(guard);
    const now = Date.now();
    if (now >= this.nextReconcileAt) await this.reconcile(guard);
    if (now >= this.nextRefreshAt) {
      this.nextRefreshAt = now + this.parts.settings.sequenceRefreshMs;
      await this.parts.sequence.refresh();
    }
    if (this.pending.size === 0) return;
    const oldest = this.pending.values().next().value as PendingIntent;
    const windowLeft = oldest.receivedAt + this.parts.settings.batchWindowMs - Date.now();
    if (windowLeft > 0) await abortableSleep(windowLeft, stop);
    const result = await this.executeIntents(guard);
    if (result === 'paused') await abortableSleep(PAUSED_POLL_MS, stop).catch(() => undefined);
    else if (result === 'retry') await abortableSleep(RETRY_PAUSE_MS, stop).catch(() => undefined);
  }

  private async executeIntents(guard: TenureGuard): Promise<BatchResult | 'idle'> {
    const now = Date.now();
    const triage = triageIntents({
      pending: [...this.pending.values()].map((p) => p.intent),
      now,
      lastAppliedBookSeq: this.lastApplied,
      botRunning: (id) => this.parts.bots.running(id),
    });
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
    for (const runnable of triage.runnable) {
      if (runnable.supersededMarkets.length === 0) continue;
      const dropped = runnable.intent.plans.filter((p) => runnable.supersededMarkets.includes(p.market));
      const reason = `plans for ${runnable.supersededMarkets.join(', ')} replaced by a newer book`;
      await this.parts.reporter.report(
        executionReports.forDropped(runnable.intent, 'superseded', `${reason}${reportMarkers.restGoesAhead}`, now, failedOf(dropped.flatMap((p) => p.actions), reason)),
      );
      this.keepPlans(runnable.intent, runnable.plans);
    }

    const selection = selectForBatch(triage.runnable, this.parts.settings.maxOrdersPerTx);
    if (selection.now.length === 0) return 'idle';
    const run = await this.runBatch(guard, async () => {
      const keys = selection.now.flatMap((r) => r.plans.map((p) => p.market));
      const orders = await this.storedOrders(keys);
      const checked = checkPreTrade(selection.now, await this.preTradeContext(keys, orders, Date.now()));
      await this.reportRejections(checked, Date.now());
      const batch = mergeIntents(checked);
      return batch ? { batch, orders } : null;
    });
    if (!run.batch) return run.result;
    const entries = run.batch.intentIds.map((id) => this.pending.get(id)).filter((e): e is PendingIntent => e !== undefined);
    // the intents of a batch share its fate, so one report can say whether they are tried again
    const retrying = run.result === 'retry' && entries.every((e) => e.attempts + 1 < MAX_INTENT_ATTEMPTS);
    if (run.failure) await this.reportFailure(run.batch, run.failure, retrying);
    for (const entry of entries) {
      entry.attempts += 1;
      if (run.result === 'applied') await this.finish(entry.intent, null, 'applied');
      else if (!retrying && run.result !== 'paused') await this.finish(entry.intent, null, 'failed');
    }
    return run.result;
  }

  /**
   * Prepares (reads the chain, checks) and sends one batch through the circuit breaker, so a
   * chain that cannot even be read counts as a failure too, and nothing is tried while it is open.
   */
  private async runBatch(guard: TenureGuard, prepare: () => Promise<PreparedBatch | null>): Promise<BatchRun> {
    let prepared: PreparedBatch | null = null;
    try {
      return await this.breaker.execute(async () => {
        prepared = await prepare();
        if (!prepared) return { result: 'idle' as const };
        await this.sendBatch(prepared.batch, prepared.orders, guard);
        return { result: 'applied' as const, batch: prepared.batch };
      });
    } catch (error) {
      const batch = (prepared as PreparedBatch | null)?.batch;
      if (WalletBreaker.isOpenError(error)) return { result: 'paused' };
      if (guard.signal.aborted || error instanceof LeaseLostError) throw error;
      if (!batch) {
        // reading the chain before sending failed: nothing was sent, the intents wait
        this.logger.warn(`batch not prepared: ${(error as Error).message}`);
        return { result: 'retry' };
      }
      const retryable = error instanceof BatchNotAppliedError && error.retryable;
      return { result: retryable ? 'retry' : 'failed', batch, failure: error as Error };
    }
  }

  /** Publishes the `failed` report of a batch; `retrying` when its intents will be sent again. */
  private async reportFailure(batch: MergedBatch, failure: Error, retrying: boolean): Promise<void> {
    const error = `${failure.message}${retrying ? reportMarkers.willRetry : ''}`;
    if (failure instanceof TxFailedError) return this.reportTx(batch, failure.tx, error);
    const notApplied = failure instanceof BatchNotAppliedError ? failure : undefined;
    await this.reportTx(batch, null, error, notApplied?.txHash ?? null, notApplied?.broadcastAt ?? null);
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

  /**
   * Sends a merged batch and publishes its outcome (report, order events, Redis). Throws
   * `TxFailedError` or `BatchNotAppliedError` when it did not apply (the caller reports it).
   */
  private async sendBatch(batch: MergedBatch, orders: ReadonlyMap<string, StoredOrder[]>, guard: TenureGuard): Promise<void> {
    const { wallet } = this.parts.wallet;
    const built = buildBatchInput(batch, {
      injectiveAddress: wallet.injAddress,
      subaccountId: wallet.subaccountId,
      market: (key) => this.markets.get(key)!,
      leverage: (bot, key) => this.parts.bots.paramsOf(bot, key).leverage,
      openOrders: (key) => orders.get(key)?.length ?? 0,
    });
    let included: IncludedTx;
    try {
      included = await this.parts.submitter.submit(built, this.chainId!, guard);
      if (included.result.code !== 0) throw new TxFailedError(included);
    } catch (error) {
      if (guard.signal.aborted || error instanceof LeaseLostError) {
        await this.reportTx(batch, null, `lease lost before the outcome was known: ${(error as Error).message}; the next holder reconciles`);
        throw error;
      }
      await this.parts.sequence.refresh().catch((e: Error) => this.logger.warn(`sequence refresh failed: ${e.message}`));
      this.parts.account.invalidate();
      this.logger.warn(`batch ${batch.intentIds.join(',')} not applied: ${(error as Error).message}`);
      if (error instanceof TxFailedError || error instanceof BatchNotAppliedError) throw error;
      throw new BatchNotAppliedError((error as Error).message, false, null, null, { cause: error });
    }
    this.lastTx = { hash: included.txHash, height: included.result.height };
    const outcome = mapBatchOutcome(built, included.result, {
      wallet: this.parts.wallet.id,
      now: Date.now(),
      storedBefore: (key) => orders.get(key) ?? [],
    });
    await this.parts.store.applyOrderChanges(outcome.changes);
    for (const [market, seq] of batch.bookSeqs) this.lastApplied.set(market, Math.max(this.lastApplied.get(market) ?? -1, seq));
    executorMetrics.toBroadcastMs().observe({ wallet: this.parts.wallet.id }, Math.max(0, included.broadcastAt - batch.plannedAt));
    const report = executionReports.forTx(
      this.parts.wallet.id,
      {
        intentIds: batch.intentIds,
        outcome: 'applied',
        txHash: included.txHash,
        height: included.result.height,
        code: included.result.code,
        codespace: included.result.codespace || null,
        createdOrderHashes: outcome.createdOrderHashes,
        cancelledOrderHashes: outcome.cancelledOrderHashes,
        failed: outcome.failed,
        plannedAt: batch.plannedAt,
        broadcastAt: included.broadcastAt,
        includedAt: included.includedAt,
        error: null,
      },
      Date.now(),
    );
    // the balances are read for the next batch's checks while the outcome goes out
    await Promise.all([
      this.parts.reporter.report(report),
      this.parts.reporter.orderEvents(outcome.events),
      this.parts.account.refresh(this.markets, included.result.height).catch((e: Error) => {
        this.parts.account.invalidate();
        this.logger.warn(`balances not refreshed after block ${included.result.height}: ${e.message}`);
      }),
    ]);
  }

  private async reportTx(batch: MergedBatch, tx: IncludedTx | null, error: string, txHash: string | null = null, broadcastAt: number | null = null): Promise<void> {
    await this.parts.reporter.report(
      executionReports.forTx(
        this.parts.wallet.id,
        {
          intentIds: batch.intentIds,
          outcome: 'failed',
          txHash: tx?.txHash ?? txHash,
          height: tx?.result.height ?? null,
          code: tx?.result.code ?? null,
          codespace: tx ? tx.result.codespace || null : null,
          plannedAt: batch.plannedAt,
          broadcastAt: tx?.broadcastAt ?? broadcastAt,
          includedAt: tx?.includedAt ?? null,
          error,
        },
        Date.now(),
      ),
    );
  }

  private async preTradeContext(keys: readonly string[], orders: ReadonlyMap<string, StoredOrder[]>, now: number): Promise<PreTradeContext> {
    const references = new Map<string, ReferencePrice>();
    for (const key of new Set(keys)) {
      const tick = await this.parts.store.referencePrice(key);
      if (tick) references.set(key, { price: new Dec(tick.mid), ts: tick.ts });
    }
    const { available } = await this.parts.account.available(this.markets, BALANCES_MAX_AGE_MS);
    return {
      now,
      chainGuard: this.chainGuard(),
      limits: this.parts.settings.limits,
      botMarkets: (id) => this.parts.bots.bot(id)?.markets,
      market: (key) => {
        const pair = this.parts.config.markets.find((m) => m.key === key);
        return pair ? { enabled: pair.enabled, market: this.markets.get(key) } : undefined;
      },
      reference: (key) => references.get(key),
      params: (bot, key) => this.parts.bots.paramsOf(bot, key),
      available,
      openOrders: (key) => orders.get(key) ?? [],
    };
  }

  private chainGuard(): ChainGuard {
    try {
      assertSigningAllowed(this.chainId ?? '', this.parts.settings.allowMainnetTrading);
      return { allowed: true };
    } catch (error) {
      if (error instanceof MainnetTradingRefusedError) return { allowed: false, reason: error.message };
      throw error;
    }
  }

  private async storedOrders(keys: readonly string[]): Promise<Map<string, StoredOrder[]>> {
    const orders = new Map<string, StoredOrder[]>();
    for (const key of new Set(keys)) orders.set(key, await this.parts.store.orders(key));
    return orders;
  }

  private async reconcile(guard: TenureGuard): Promise<void> {
    this.nextReconcileAt = Date.now() + this.parts.settings.reconcileIntervalMs;
    const result = await this.parts.reconciler.reconcile(this.markets);
    await this.parts.account.refresh(this.markets);
    if (result.cancel.size === 0) return;
    const now = Date.now();
    const batch: MergedBatch = {
      intentIds: [`reconcile-${now}`],
      markets: [...result.cancel].map(([market, cancels]) => ({ market, cancelAll: false, cancels, creates: [] })),
      bookSeqs: new Map(),
      plannedAt: now,
    };
    if (!this.chainGuard().allowed) return;
    const orders = await this.storedOrders([...result.cancel.keys()]);
    const run = await this.runBatch(guard, async () => ({ batch, orders }));
    if (run.failure) await this.reportFailure(batch, run.failure, false);
  }

  private async runCancelRequests(guard: TenureGuard): Promise<void> {
    const requests = this.cancelRequests.splice(0);
    for (const request of requests) {
      const result = await this.cancelMarkets(request.markets, request.label, guard);
      if (result === 'paused' || (result === 'retry' && ++request.attempts < MAX_CANCEL_ATTEMPTS)) this.cancelRequests.push(request);
    }
  }

  private async cancelEverything(guard: TenureGuard): Promise<void> {
    this.logger.log(`cancelling every order of wallet ${this.parts.wallet.id} before stopping`);
    await this.cancelMarkets([...this.markets.keys()], 'shutdown', guard).catch((e: Error) => this.logger.error(`cancel-all at shutdown failed: ${e.message}`));
  }

  /** Cancel-all txs over `markets`, as many as their resting orders need (see `cancelAllGroups`). */
  private async cancelMarkets(markets: readonly string[], label: string, guard: TenureGuard): Promise<BatchResult> {
    if (markets.length === 0 || !this.chainGuard().allowed) return 'applied';
    const stored = await this.storedOrders(markets);
    let outcome: BatchResult = 'applied';
    const ordersOf = (m: string) => stored.get(m)?.length ?? 0;
    for (const group of cancelAllGroups(markets, ordersOf, MAX_CANCELS_PER_TX, DEFAULT_CANCEL_ALL_ORDERS_PER_MARKET)) {
      const now = Date.now();
      const batch: MergedBatch = {
        intentIds: [`${label}-${now}`],
        markets: group.map((market) => ({ market, cancelAll: true, cancels: [], creates: [] })),
        bookSeqs: new Map(),
        plannedAt: now,
      };
      const run = await this.runBatch(guard, async () => ({ batch, orders: await this.storedOrders(group) }));
      if (run.failure) await this.reportFailure(batch, run.failure, run.result === 'retry');
      // an open breaker: the whole request waits and is run again
      if (run.result === 'paused') return 'paused';
      if (run.result === 'retry' || (run.result === 'failed' && outcome === 'applied')) outcome = run.result;
    }
    return outcome;
  }

  private keepPlans(intent: BatchIntent, plans: readonly MarketPlan[]): void {
    const entry = this.pending.get(intent.id);
    if (entry) entry.intent = { ...entry.intent, plans: [...plans] };
  }

  /** Publishes the intent's last report (when given), acks it and forgets it. */
  private async finish(intent: BatchIntent, report: ReturnType<typeof executionReports.forDropped> | null, outcome = report?.outcome ?? 'failed'): Promise<void> {
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

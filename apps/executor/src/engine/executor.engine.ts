import { Logger } from '@nestjs/common';
import { ConfigError, type BotEntry } from '@mirrorbook/config';
import type { BatchIntent } from '@mirrorbook/contracts';
import { WalletBreaker } from '../breaker/wallet.breaker';
import { CancelScheduler } from '../cancelling/cancel.scheduler';
import type { IntentSink } from '../intents/intent.sink';
import { IntentPipeline } from '../pipeline/intent.pipeline';
import { ReconcileScheduler } from '../reconcile/reconcile.scheduler';
import { BatchSender } from '../sending/batch.sender';
import { ChainSession } from '../session/chain.session';
import { abortableSleep } from '../shared/abortable.sleep';
import { executorMetrics } from '../shared/executor.metrics';
import { LeaseLostError } from '../shared/lease-lost.error';
import type { TenureGuard } from '../shared/tenure.guard';
import type { BotStateListener } from '../state/bot-state.listener';
import type { EngineParts } from './executor-engine.parts';

const CYCLE_ERROR_PAUSE_MS = 500;
const PAUSED_POLL_MS = 200;
const RETRY_PAUSE_MS = 100;
// between looks at a tx of unknown outcome or the outbox's next attempt
const PENDING_POLL_MS = 500;
const TAKEOVER_RETRY_MS = [500, 1000, 2000, 5000, 10_000];

/**
 * The wallet's trading loop for one lease tenure (docs/architecture.md#executor-guarantees): takes
 * over (chain id and markets, sequence, bot states, reconciliation), then, one thing at a time,
 * runs the cancel-alls of stopped bots, reconciles and refreshes the sequence when they are due,
 * and after the batch window hands the waiting intents to the intent pipeline, which sends them
 * through the batch sender. It owns the tenure's state (`running`, `paused` by the breaker) and
 * its end (lease lost, or stop: the tx in flight finishes, then cancel-all when asked). One tx is
 * in flight at a time. Each step lives in its own room: `session/`, `pipeline/`, `sending/`, `cancelling/`, `reconcile/`.
 */
export class ExecutorEngine implements IntentSink, BotStateListener {
  private readonly logger = new Logger(ExecutorEngine.name);
  private readonly breaker: WalletBreaker;
  private readonly session: ChainSession;
  private readonly sender: BatchSender;
  private readonly intents: IntentPipeline;
  private readonly cancels: CancelScheduler;
  private readonly reconciliation: ReconcileScheduler;
  private active = false;
  private drain = new AbortController();
  private wake: (() => void) | undefined;
  private nextRefreshAt = 0;
  private nextResyncAt = 0;

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
      onFailure: () => executorMetrics.breakerFailures().inc({ wallet: settings.walletId }),
    });
    this.session = new ChainSession(parts);
    this.sender = new BatchSender(parts, this.session, this.breaker);
    this.intents = new IntentPipeline(parts, this.session, this.sender);
    this.cancels = new CancelScheduler(parts, this.session, this.sender);
    this.reconciliation = new ReconcileScheduler(parts, this.session, this.sender);
  }

  /** Facts for the heartbeat. */
  status(): Record<string, string | number | boolean | null> {
    return {
      chainId: this.session.chainId ?? null,
      sequence: this.parts.sequence.loaded ? this.parts.sequence.next : null,
      pendingIntents: this.intents.size,
      breaker: this.breaker.state,
      breakerTrips: this.breaker.trips,
      lastTxHash: this.sender.lastTx?.hash ?? null,
      lastTxHeight: this.sender.lastTx?.height ?? null,
      unknownTxHash: this.sender.unknownTxHash ?? null,
      outboxWrites: this.parts.outbox.size,
      ...this.feeDetails(Date.now()),
    };
  }

  /**
   * The fee meter in the heartbeat's details: INJ paid today (UTC) and since start, by how many
   * txs, the pace as INJ a day, the runway: days until the fee denom available (last read) less
   * the gas reserve is gone at that pace (null: nothing spent yet, or not known), and the daily
   * budget with its state.
   */
  private feeDetails(now: number): Record<string, string | number | null> {
    const fees = this.parts.feeMeter.snapshot(now);
    const record = this.parts.feeTracker.record(now);
    return {
      feesDay: fees.day,
      feesTodayInj: fees.today,
      feesTotalInj: fees.total,
      feeTxs: fees.txs,
      feesPerDayInj: fees.perDay,
      runwayDays: record.runwayDays,
      feeBudgetInj: record.budget.dailyInj,
      feeBudget: record.budget.state,
      feeBudgetReason: record.budget.reason,
    };
  }

  /** The wallet whose daily fee budget is spent, with why (`/health` degraded: it keeps its book but quotes nothing new). */
  feeBudgetPaused(): Record<string, string> {
    const verdict = this.parts.feeTracker.verdict(Date.now());
    return verdict.state === 'paused' && verdict.reason ? { [this.parts.wallet.id]: verdict.reason } : {};
  }

  /** The wallet's bots stopped for want of a `bot:<id>` record: bot id → why (heartbeat, `/health`). */
  missingBotStates(): Record<string, string> {
    return this.parts.bots.missingStates();
  }

  /** The markets set aside because the chain could not give their metadata: market key → reason (heartbeat, `/health`). */
  unavailableMarkets(): Record<string, string> {
    return Object.fromEntries(this.session.unavailable);
  }

  /** A new intent from the inbox (ignored outside a tenure). */
  intentReceived(intent: BatchIntent): void {
    if (!this.active) return;
    this.intents.add(intent);
    this.wake?.();
  }

  intentRefused(intent: BatchIntent, reason: string): void {
    if (!this.active) return;
    this.intents.refuse(intent, reason).catch((e: Error) => this.logger.warn(`intent ${intent.id} refused, its report not published: ${e.message}`));
  }

  /** A bot was switched to stopped: cancel its orders on the markets no running bot of the wallet shares. */
  botStopped(bot: BotEntry): void {
    if (!this.active) return;
    if (this.cancels.requestForStoppedBot(bot)) this.wake?.();
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
          await this.parts.feeTracker.publish(Date.now());
        } catch (error) {
          if (guard.signal.aborted || error instanceof LeaseLostError) throw error;
          if (stop.aborted) break;
          this.logger.error(`executor cycle failed: ${(error as Error).message}`);
          await abortableSleep(CYCLE_ERROR_PAUSE_MS, stop).catch(() => undefined);
        }
      }
      if (!guard.signal.aborted && cancelAllAtEnd()) await this.cancels.cancelEverything(guard);
    } catch (error) {
      if (!(guard.signal.aborted || error instanceof LeaseLostError)) throw error;
      this.logger.warn(`tenure ended: ${(guard.signal.reason as Error | undefined)?.message ?? (error as Error).message}`);
    } finally {
      this.active = false;
      await this.parts.inbox.stop();
      this.intents.clear();
      this.cancels.clear();
      this.sender.forgetPending();
      this.parts.sequence.reset();
      this.parts.account.invalidate();
      this.parts.marks.invalidate();
    }
  }

  private async takeover(token: number, guard: TenureGuard, stop: AbortSignal): Promise<boolean> {
    for (let attempt = 0; !stop.aborted; attempt++) {
      try {
        await guard.assertActive();
        this.sender.forgetAppliedBooks();
        await this.session.open();
        await this.parts.fees.load();
        await this.parts.feeTracker.restore(Date.now());
        await this.parts.sequence.load(token);
        await this.parts.bots.load(this);
        await this.reconciliation.run(guard);
        // stopped while no executor listened (or before): their orders go before anything trades
        await this.cancels.requestForStoppedBotsAtTakeover();
        this.nextRefreshAt = Date.now() + this.parts.settings.sequenceRefreshMs;
        this.nextResyncAt = Date.now() + this.parts.settings.botStateResyncMs;
        this.logger.log(`took over wallet ${this.parts.wallet.id} on ${this.session.chainId} with fencing token ${token}`);
        return true;
      } catch (error) {
        // a configuration error does not go away by retrying: the runner stops the process
        if (guard.signal.aborted || error instanceof LeaseLostError || error instanceof ConfigError) throw error;
        const delay = TAKEOVER_RETRY_MS[Math.min(attempt, TAKEOVER_RETRY_MS.length - 1)];
        this.logger.warn(`takeover of wallet ${this.parts.wallet.id} failed (${(error as Error).message}); retrying in ${delay} ms`);
        await abortableSleep(delay, stop).catch(() => undefined);
      }
    }
    return false;
  }

  /** Returns at once when work waits; otherwise when reconciliation or a sequence refresh is due, new work arrives or the tenure stops. */
  private async waitForWork(stop: AbortSignal): Promise<void> {
    if (this.intents.size > 0 || this.cancels.size > 0 || this.sender.hasPending) return;
    const dueIn = Math.min(this.reconciliation.dueAt, this.nextRefreshAt, this.nextResyncAt) - Date.now();
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
    // what an accepted tx left (a tx of unknown outcome, a Redis write) is settled before anything is sent or reconciled
    if (!(await this.sender.settlePending(guard))) {
      await abortableSleep(PENDING_POLL_MS, stop).catch(() => undefined);
      return;
    }
    // a tx of unknown outcome was settled, or the checks refused actions on holdings that fills may
    // have changed: the chain is read again (at or above the last tx's height) before the next batch
    const asked = [this.sender.takeReconcileRequest(), this.intents.takeReconcileRequest()];
    if (asked.some(Boolean)) await this.reconciliation.run(guard);
    const now = Date.now();
    if (now >= this.nextResyncAt) {
      this.nextResyncAt = now + this.parts.settings.botStateResyncMs;
      // a bot found stopped queues its cancel-all (botStopped), run right below
      await this.parts.bots.resync().catch((error: Error) => this.logger.warn(`bot state resync failed: ${error.message}`));
    }
    if (this.cancels.size > 0) await this.cancels.runRequests(guard);
    if (now >= this.reconciliation.dueAt) {
      await this.session.refresh();
      await this.reconciliation.run(guard);
    }
    if (now >= this.nextRefreshAt) {
      this.nextRefreshAt = now + this.parts.settings.sequenceRefreshMs;
      await this.parts.sequence.refresh();
    }
    const oldest = this.intents.oldestReceivedAt;
    if (oldest === undefined) return;
    // intents that arrive within the batch window share a tx
    const windowLeft = oldest + this.parts.settings.batchWindowMs - Date.now();
    if (windowLeft > 0) await abortableSleep(windowLeft, stop);
    const result = await this.intents.run(guard);
    if (result === 'paused') await abortableSleep(PAUSED_POLL_MS, stop).catch(() => undefined);
    else if (result === 'retry') await abortableSleep(RETRY_PAUSE_MS, stop).catch(() => undefined);
  }
}

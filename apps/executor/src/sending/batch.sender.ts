import { Logger } from '@nestjs/common';
import { reportMarkers, type ExecutionReport, type StoredOrder } from '@mirrorbook/contracts';
import { FEE_DENOM_DECIMALS } from '@mirrorbook/injective';
import { toDecimalString } from '@mirrorbook/market';
import { buildBatchInput, type BuiltBatch } from '../batch/batch-input.builder';
import { mapBatchOutcome } from '../batch/batch-outcome.mapper';
import type { MergedBatch } from '../batch/merged-batch.model';
import { WalletBreaker } from '../breaker/wallet.breaker';
import type { ChainAccess } from '../chain/chain.access';
import type { IncludedTx, TxSubmitter } from '../chain/tx.submitter';
import { feeInDenom } from '../fees/fee.meter';
import type { WalletFeesTracker } from '../fees/wallet-fees.tracker';
import { executionReports } from '../reporting/execution-report.factory';
import type { ExecutionReporter } from '../reporting/execution.reporter';
import type { SequenceManager } from '../sequence/sequence.manager';
import type { ChainSession } from '../session/chain.session';
import { BatchNotAppliedError } from '../shared/batch-not-applied.error';
import { executorMetrics } from '../shared/executor.metrics';
import { LeaseLostError } from '../shared/lease-lost.error';
import type { RedisWriteOutbox } from '../shared/redis-write.outbox';
import type { TenureGuard } from '../shared/tenure.guard';
import { TxOutcomeUnknownError, type AcceptedTx } from '../shared/tx-outcome-unknown.error';
import type { AccountStateRefresher } from '../state/account-state.refresher';
import type { BotStateRegistry } from '../state/bot-state.registry';
import type { WalletStateStore } from '../state/wallet-state.store';
import type { ExecutorWallet } from '../wallet/executor-wallet';
import { TxFailedError } from './tx-failed.error';

/**
 * How a batch ended: applied, accepted by the node with its outcome not known yet (`unknown`: settled
 * before the next batch), failed for good, failed for now (`retry`), or not tried (`paused`: the
 * breaker is open).
 */
export type BatchResult = 'applied' | 'unknown' | 'failed' | 'retry' | 'paused';

/** A merged batch ready to send, with the wallet's stored orders on its markets as read before it. */
export interface PreparedBatch {
  readonly batch: MergedBatch;
  readonly orders: ReadonlyMap<string, StoredOrder[]>;
}

/** What became of one prepared batch; `failure` when it was sent (or tried) and did not apply. */
export interface BatchRun {
  readonly result: BatchResult | 'idle';
  readonly batch?: MergedBatch;
  readonly failure?: Error;
}

/** What the sender works with. */
export interface BatchSenderParts {
  readonly wallet: ExecutorWallet;
  readonly bots: Pick<BotStateRegistry, 'paramsOf'>;
  readonly submitter: Pick<TxSubmitter, 'submit' | 'settle'>;
  readonly sequence: Pick<SequenceManager, 'refresh'>;
  readonly account: Pick<AccountStateRefresher, 'refresh' | 'invalidate'>;
  readonly store: Pick<WalletStateStore, 'applyOrderChanges' | 'markApplied'>;
  readonly outbox: Pick<RedisWriteOutbox, 'add' | 'flush' | 'size' | 'clear'>;
  readonly reporter: Pick<ExecutionReporter, 'report' | 'orderEvents'>;
  readonly feeTracker: Pick<WalletFeesTracker, 'record'>;
  readonly chain: { readonly network: Pick<ChainAccess['network'], 'feeDenom'> };
}

/** A tx the node accepted whose outcome was unknown when the wait ended, with what its report needs. */
interface UnsettledTx {
  readonly tx: AcceptedTx;
  readonly batch: MergedBatch;
  readonly built: BuiltBatch;
  readonly orders: ReadonlyMap<string, StoredOrder[]>;
}

// an intent lives at most 60 s past its ts (libs/contracts time-sanity): a replay after this is expired anyway
const APPLIED_MEMORY_AFTER_SETTLE_MS = 120_000;

/**
 * Sends one batch at a time through the wallet's circuit breaker and publishes its outcome
 * (docs/architecture.md#outcomes): the applied tx's report, order events, `orders:<wallet>:<mk>`
 * and balances; the `failed` report of a batch that did not apply; the `unknown` report of a tx
 * the node accepted that was neither seen in a block nor past its timeout height, which it
 * settles (and reports again) before any new batch. The Redis writes after acceptance go through
 * the outbox: they never make an accepted tx a failure, and nothing is sent before they landed.
 * Remembers, per market, the newest book a tx was applied from.
 */
export class BatchSender {
  private readonly logger = new Logger(BatchSender.name);
  private readonly lastApplied = new Map<string, number>();
  private last: { hash: string; height: number } | undefined;
  private unsettled: UnsettledTx | undefined;
  private reconcileRequested = false;

  constructor(
    private readonly parts: BatchSenderParts,
    private readonly session: ChainSession,
    private readonly breaker: Pick<WalletBreaker, 'execute'>,
  ) {}

  /** Per market key: the highest book `seq` a tx of this wallet was applied from. */
  get lastAppliedBookSeq(): ReadonlyMap<string, number> {
    return this.lastApplied;
  }

  /**
   * Forgets the books applied so far (at takeover): another holder may have applied newer ones
   * meanwhile, and a seq remembered from before must not outlive the tenure it was applied in.
   */
  forgetAppliedBooks(): void {
    this.lastApplied.clear();
  }

  /** The last tx that applied. */
  get lastTx(): { readonly hash: string; readonly height: number } | undefined {
    return this.last;
  }

  /** The hash of the accepted tx whose outcome is not known yet (nothing is sent until it is settled). */
  get unknownTxHash(): string | undefined {
    return this.unsettled?.tx.txHash;
  }

  /** Something an accepted tx left is not settled yet: a tx of unknown outcome, or a write in the outbox. */
  get hasPending(): boolean {
    return this.unsettled !== undefined || this.parts.outbox.size > 0;
  }

  /** True once after a tx of unknown outcome was settled: the chain is to be reconciled before the next batch. */
  takeReconcileRequest(): boolean {
    const requested = this.reconcileRequested;
    this.reconcileRequested = false;
    return requested;
  }

  /**
   * Settles what accepted txs left: looks up the tx of unknown outcome (in a block → its report,
   * `applied` or `failed`, and its writes; surely never → a `failed` report, its sequence released)
   * and flushes the outbox. True when nothing is left, so a batch or a reconciliation may go ahead.
   */
  async settlePending(guard: TenureGuard): Promise<boolean> {
    const pending = this.unsettled;
    if (pending) {
      let included: IncludedTx | undefined;
      try {
        included = await this.parts.submitter.settle(pending.tx, guard);
      } catch (error) {
        if (!(error instanceof BatchNotAppliedError)) throw error;
        this.settled();
        this.logger.warn(`tx ${pending.tx.txHash} of unknown outcome did not apply: ${error.message}`);
        await this.reportTx(pending.batch, null, error.message, pending.tx.txHash, pending.tx.broadcastAt);
        return this.parts.outbox.flush();
      }
      if (!included) return false;
      this.settled();
      this.logger.log(`tx ${pending.tx.txHash} of unknown outcome is in block ${included.result.height} with code ${included.result.code}`);
      if (included.result.code !== 0) {
        await this.reportTx(pending.batch, included, new TxFailedError(included).message);
      } else {
        const keepUntil = Date.now() + APPLIED_MEMORY_AFTER_SETTLE_MS;
        this.parts.outbox.add(`applied markers of ${pending.batch.intentIds.join(',')}`, () =>
          this.parts.store.markApplied(pending.batch.intentIds.map((id) => ({ id, keepUntil })), Date.now()),
        );
        await this.publishApplied(pending.batch, pending.built, pending.orders, included);
      }
    }
    return this.parts.outbox.flush();
  }

  /** Forgets what accepted txs left (the tenure ended: the next takeover reads the chain). */
  forgetPending(): void {
    this.unsettled = undefined;
    this.reconcileRequested = false;
    this.parts.outbox.clear();
  }

  private settled(): void {
    this.unsettled = undefined;
    this.reconcileRequested = true;
  }

  /**
   * Prepares (reads the chain, checks) and sends one batch through the circuit breaker, so a
   * chain that cannot even be read counts as a failure too, and nothing is tried while it is open.
   */
  async run(guard: TenureGuard, prepare: () => Promise<PreparedBatch | null>): Promise<BatchRun> {
    // the sequence is reserved and the stored orders may lag until then: nothing new goes out
    if (!(await this.settlePending(guard))) return { result: 'retry' };
    let prepared: PreparedBatch | null = null;
    try {
      return await this.breaker.execute(async () => {
        prepared = await prepare();
        if (!prepared) return { result: 'idle' as const };
        // an unknown outcome is no failure for the breaker: the node accepted the tx
        const result = await this.send(prepared.batch, prepared.orders, guard);
        return { result, batch: prepared.batch };
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
  async reportFailure(batch: MergedBatch, failure: Error, retrying: boolean): Promise<void> {
    const error = `${failure.message}${retrying ? reportMarkers.willRetry : ''}`;
    if (failure instanceof TxFailedError) return this.reportTx(batch, failure.tx, error);
    const notApplied = failure instanceof BatchNotAppliedError ? failure : undefined;
    await this.reportTx(batch, null, error, notApplied?.txHash ?? null, notApplied?.broadcastAt ?? null);
  }

  /**
   * Sends a merged batch and publishes its outcome (report, order events, Redis): `applied`, or
   * `unknown` (reported, kept to be settled). Throws `TxFailedError` or `BatchNotAppliedError` when
   * it did not apply (the caller reports it).
   */
  private async send(batch: MergedBatch, orders: ReadonlyMap<string, StoredOrder[]>, guard: TenureGuard): Promise<'applied' | 'unknown'> {
    const { wallet } = this.parts.wallet;
    const built = buildBatchInput(batch, {
      injectiveAddress: wallet.injAddress,
      subaccountId: wallet.subaccountId,
      market: (key) => this.session.markets.get(key)!,
      leverage: (bot, key) => this.parts.bots.paramsOf(bot, key).leverage,
      openOrders: (key) => orders.get(key)?.length ?? 0,
    });
    let included: IncludedTx;
    try {
      included = await this.parts.submitter.submit(built, this.session.chainId!, guard);
      if (included.result.code !== 0) throw new TxFailedError(included);
    } catch (error) {
      if (error instanceof TxOutcomeUnknownError) return this.unknown({ tx: error.tx, batch, built, orders }, error, guard);
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
    await this.publishApplied(batch, built, orders, included);
    return 'applied';
  }

  /**
   * Reports an accepted tx whose outcome is unknown and keeps it to be settled before the next
   * batch, its sequence reserved. Lease lost or stopped meanwhile: the tenure ends (the error goes
   * on), and the next holder's takeover reconciles.
   */
  private async unknown(pending: UnsettledTx, error: TxOutcomeUnknownError, guard: TenureGuard): Promise<'unknown'> {
    executorMetrics.txsUnknown().inc({ wallet: this.parts.wallet.id });
    this.logger.warn(`batch ${pending.batch.intentIds.join(',')}: ${error.message}; settled before the next batch`);
    await this.parts.reporter.report(
      executionReports.forTx(
        this.parts.wallet.id,
        {
          intentIds: pending.batch.intentIds,
          outcome: 'unknown',
          txHash: pending.tx.txHash,
          height: null,
          code: null,
          codespace: null,
          plannedAt: pending.batch.plannedAt,
          broadcastAt: pending.tx.broadcastAt,
          includedAt: null,
          error: error.message,
        },
        Date.now(),
      ),
    );
    const cause = error.cause;
    if (guard.signal.aborted || cause instanceof LeaseLostError) throw cause instanceof Error ? cause : error;
    this.unsettled = pending;
    return 'unknown';
  }

  /** The outcome of a tx applied in its block: stored orders (through the outbox), report, order events, balances. */
  private async publishApplied(batch: MergedBatch, built: BuiltBatch, orders: ReadonlyMap<string, StoredOrder[]>, included: IncludedTx): Promise<void> {
    this.last = { hash: included.txHash, height: included.result.height };
    const outcome = mapBatchOutcome(built, included.result, {
      wallet: this.parts.wallet.id,
      now: Date.now(),
      storedBefore: (key) => orders.get(key) ?? [],
    });
    // stored before the report when Redis takes it, so the next plan sees the orders; else retried from the outbox
    this.parts.outbox.add(`orders of tx ${included.txHash}`, () => this.parts.store.applyOrderChanges(outcome.changes));
    await this.parts.outbox.flush();
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
        fees: this.feesOf(included),
      },
      Date.now(),
    );
    // the balances are read for the next batch's checks while the outcome goes out
    await Promise.all([
      this.parts.reporter.report(report),
      this.parts.reporter.orderEvents(outcome.events),
      this.parts.account.refresh(this.session.markets, included.result.height).catch((e: Error) => {
        this.parts.account.invalidate();
        this.logger.warn(`balances not refreshed after block ${included.result.height}: ${e.message}`);
      }),
    ]);
  }

  /** The fee an included tx paid, and the wallet's spend and budget state after it (the meter counted it at inclusion). */
  private feesOf(tx: IncludedTx): ExecutionReport['fees'] {
    const record = this.parts.feeTracker.record(Date.now());
    const paid = feeInDenom(tx.result.feePaid, this.parts.chain.network.feeDenom, FEE_DENOM_DECIMALS);
    return { txInj: toDecimalString(paid), todayInj: record.todayInj, budget: record.budget.state, budgetReason: record.budget.reason };
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
          fees: tx ? this.feesOf(tx) : undefined,
        },
        Date.now(),
      ),
    );
  }
}

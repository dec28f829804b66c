import { Logger } from '@nestjs/common';
import { reportMarkers, type StoredOrder } from '@mirrorbook/contracts';
import { buildBatchInput } from '../batch/batch-input.builder';
import { mapBatchOutcome } from '../batch/batch-outcome.mapper';
import type { MergedBatch } from '../batch/merged-batch.model';
import { WalletBreaker } from '../breaker/wallet.breaker';
import type { IncludedTx, TxSubmitter } from '../chain/tx.submitter';
import { executionReports } from '../reporting/execution-report.factory';
import type { ExecutionReporter } from '../reporting/execution.reporter';
import type { SequenceManager } from '../sequence/sequence.manager';
import type { ChainSession } from '../session/chain.session';
import { BatchNotAppliedError } from '../shared/batch-not-applied.error';
import { executorMetrics } from '../shared/executor.metrics';
import { LeaseLostError } from '../shared/lease-lost.error';
import type { TenureGuard } from '../shared/tenure.guard';
import type { AccountStateRefresher } from '../state/account-state.refresher';
import type { BotStateRegistry } from '../state/bot-state.registry';
import type { WalletStateStore } from '../state/wallet-state.store';
import type { ExecutorWallet } from '../wallet/executor-wallet';
import { TxFailedError } from './tx-failed.error';

/** How a batch ended: applied, failed for good, failed for now (`retry`), or not tried (`paused`: the breaker is open). */
export type BatchResult = 'applied' | 'failed' | 'retry' | 'paused';

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
  readonly submitter: Pick<TxSubmitter, 'submit'>;
  readonly sequence: Pick<SequenceManager, 'refresh'>;
  readonly account: Pick<AccountStateRefresher, 'refresh' | 'invalidate'>;
  readonly store: Pick<WalletStateStore, 'applyOrderChanges'>;
  readonly reporter: Pick<ExecutionReporter, 'report' | 'orderEvents'>;
}

/**
 * Sends one batch at a time through the wallet's circuit breaker and publishes its outcome: the
 * applied tx's report, order events, `orders:<wallet>:<mk>` and balances; the `failed` report of a
 * batch that did not apply. Remembers, per market, the newest book a tx was applied from.
 */
export class BatchSender {
  private readonly logger = new Logger(BatchSender.name);
  private readonly lastApplied = new Map<string, number>();
  private last: { hash: string; height: number } | undefined;

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

  /**
   * Prepares (reads the chain, checks) and sends one batch through the circuit breaker, so a
   * chain that cannot even be read counts as a failure too, and nothing is tried while it is open.
   */
  async run(guard: TenureGuard, prepare: () => Promise<PreparedBatch | null>): Promise<BatchRun> {
    let prepared: PreparedBatch | null = null;
    try {
      return await this.breaker.execute(async () => {
        prepared = await prepare();
        if (!prepared) return { result: 'idle' as const };
        await this.send(prepared.batch, prepared.orders, guard);
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
  async reportFailure(batch: MergedBatch, failure: Error, retrying: boolean): Promise<void> {
    const error = `${failure.message}${retrying ? reportMarkers.willRetry : ''}`;
    if (failure instanceof TxFailedError) return this.reportTx(batch, failure.tx, error);
    const notApplied = failure instanceof BatchNotAppliedError ? failure : undefined;
    await this.reportTx(batch, null, error, notApplied?.txHash ?? null, notApplied?.broadcastAt ?? null);
  }

  /**
   * Sends a merged batch and publishes its outcome (report, order events, Redis). Throws
   * `TxFailedError` or `BatchNotAppliedError` when it did not apply (the caller reports it).
   */
  private async send(batch: MergedBatch, orders: ReadonlyMap<string, StoredOrder[]>, guard: TenureGuard): Promise<void> {
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
    this.last = { hash: included.txHash, height: included.result.height };
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
      this.parts.account.refresh(this.session.markets, included.result.height).catch((e: Error) => {
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
}

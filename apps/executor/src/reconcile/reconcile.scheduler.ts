import type { MergedBatch } from '../batch/merged-batch.model';
import type { BatchSender } from '../sending/batch.sender';
import type { ChainSession } from '../session/chain.session';
import type { ExecutorSettings } from '../settings/executor.settings';
import type { TenureGuard } from '../shared/tenure.guard';
import type { AccountStateRefresher } from '../state/account-state.refresher';
import type { WalletStateStore } from '../state/wallet-state.store';
import type { ReconciliationService } from './reconciliation.service';

/** What the scheduler works with. */
export interface ReconcileSchedulerParts {
  readonly settings: Pick<ExecutorSettings, 'reconcileIntervalMs'>;
  readonly reconciler: Pick<ReconciliationService, 'reconcile'>;
  readonly account: Pick<AccountStateRefresher, 'refresh'>;
  readonly store: Pick<WalletStateStore, 'ordersByMarket'>;
}

/**
 * Reconciliation at takeover and every `EXEC_RECONCILE_INTERVAL_MS`: brings the stored orders in
 * line with the chain, re-reads the balances, and cancels the orphans it was told to in one batch
 * (reported only when it fails).
 */
export class ReconcileScheduler {
  private nextAt = 0;

  constructor(
    private readonly parts: ReconcileSchedulerParts,
    private readonly session: ChainSession,
    private readonly sender: BatchSender,
  ) {}

  /** When the next pass is due, ms since epoch (0 before the first). */
  get dueAt(): number {
    return this.nextAt;
  }

  /** One pass now; the next is due one interval after its start. */
  async run(guard: TenureGuard): Promise<void> {
    this.nextAt = Date.now() + this.parts.settings.reconcileIntervalMs;
    const result = await this.parts.reconciler.reconcile(this.session.markets, new Set(), guard.signal);
    await this.parts.account.refresh(this.session.markets);
    if (result.cancel.size === 0) return;
    const now = Date.now();
    const batch: MergedBatch = {
      intentIds: [`reconcile-${now}`],
      markets: [...result.cancel].map(([market, cancels]) => ({ market, cancelAll: false, cancels, creates: [] })),
      bookSeqs: new Map(),
      plannedAt: now,
    };
    if (!this.session.chainGuard().allowed) return;
    const orders = await this.parts.store.ordersByMarket([...result.cancel.keys()]);
    const run = await this.sender.run(guard, async () => ({ batch, orders }));
    if (run.failure) await this.sender.reportFailure(batch, run.failure, false);
  }
}

import { Logger } from '@nestjs/common';
import type { OrderEvent, StoredOrder } from '@mirrorbook/contracts';
import type { OpenOrdersAtHeight } from '@mirrorbook/injective';
import type { Market } from '@mirrorbook/market';
import type { StoredOrderChanges } from '../batch/batch-outcome.mapper';
import type { ChainAccess } from '../chain/chain.access';
import type { ExecutionReporter } from '../reporting/execution.reporter';
import { abortableSleep } from '../shared/abortable.sleep';
import { executorMetrics } from '../shared/executor.metrics';
import type { WalletStateStore } from '../state/wallet-state.store';
import { reconcileOrders } from './order.reconciler';
import { requiredReadHeight, staleReadReason } from './read-height';

/** What a reconciliation pass found. */
export interface ReconciliationResult {
  /** orphan order hashes to cancel, per market key (already stored, so the cancel batch finds them) */
  readonly cancel: ReadonlyMap<string, readonly string[]>;
  readonly adopted: number;
  /** stored orders dropped as no longer on chain (reported `closed`) */
  readonly gone: number;
  readonly partlyFilled: number;
  /** markets left as they were: every read of their open orders came from a node behind the required height */
  readonly skipped: readonly string[];
}

/** Who the service reconciles for and how it reads. */
export interface ReconciliationOptions {
  readonly wallet: string;
  readonly subaccountId: string;
  readonly orphanPolicy: 'cancel' | 'adopt';
  /** the block of the wallet's last tx sent from this process (0 before any): no read before it is acted on */
  readonly lastOwnTxHeight: () => number;
  /** reads again after a stale one; default 2 */
  readonly staleReadRetries?: number;
  /** pause before each of them, ms; default 500 (about a block) */
  readonly staleReadRetryMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Brings `orders:<wallet>:<mk>` in line with the chain's open orders (the chain is the truth),
 * market by market, from reads at a height at least that of the wallet's last tx and of every stored
 * order: stored orders the chain did not list are dropped (`closed`; of unknown block, after two
 * passes in a row), partly filled ones updated,
 * orphans stored and either kept (policy `adopt`) or returned for cancelling; each change is
 * published as an order event. A market whose reads all come from a node behind that height is
 * left untouched for this pass.
 */
export class ReconciliationService {
  private readonly logger = new Logger(ReconciliationService.name);
  /** per market key: stored orders the last pass of that market did not find on chain */
  private readonly missing = new Map<string, ReadonlySet<string>>();

  constructor(
    private readonly chain: Pick<ChainAccess, 'openOrders'>,
    private readonly store: Pick<WalletStateStore, 'orders' | 'applyOrderChanges'>,
    private readonly reporter: Pick<ExecutionReporter, 'orderEvents'>,
    private readonly options: ReconciliationOptions,
  ) {}

  /**
   * One pass over `markets` (key → metadata); `pendingCids` are creates of txs still in flight;
   * `signal` (the tenure's) ends the pauses between stale reads.
   */
  async reconcile(markets: ReadonlyMap<string, Market>, pendingCids: ReadonlySet<string> = new Set(), signal?: AbortSignal): Promise<ReconciliationResult> {
    const cancel = new Map<string, string[]>();
    const changes = new Map<string, StoredOrderChanges>();
    const events: OrderEvent[] = [];
    const skipped: string[] = [];
    let adopted = 0;
    let gone = 0;
    let partlyFilled = 0;
    const now = Date.now();
    for (const [key, market] of markets) {
      const stored = await this.store.orders(key);
      const read = await this.currentRead(key, market, requiredReadHeight(this.options.lastOwnTxHeight(), stored), signal);
      if (read === null) {
        skipped.push(key);
        continue;
      }
      const plan = reconcileOrders({
        chain: read.orders.map((o) => ({ orderHash: o.orderHash, cid: o.cid, side: o.side, price: o.price, fillable: o.fillable })),
        stored,
        orphanPolicy: this.options.orphanPolicy,
        pendingCids,
        missingBefore: this.missing.get(key) ?? new Set(),
        readHeight: read.height!,
        now,
      });
      this.missing.set(key, plan.missing);
      changes.set(key, { upsert: [...plan.orphans, ...plan.partlyFilled.map((p) => p.order)], remove: plan.gone.map((o) => o.orderHash) });
      const toCancel = new Set(plan.cancel);
      for (const order of plan.orphans) {
        if (toCancel.has(order.orderHash)) continue;
        adopted += 1;
        events.push(this.event(key, 'created', order, 'adopted: on chain but unknown to the executor', now));
      }
      for (const { order, filled } of plan.partlyFilled) events.push(this.event(key, 'filled', { ...order, quantity: filled }, 'partly filled', now));
      for (const order of plan.gone) {
        events.push(this.event(key, 'closed', order, 'not on chain since its block: filled or cancelled elsewhere, no fill seen', now));
      }
      gone += plan.gone.length;
      partlyFilled += plan.partlyFilled.length;
      if (plan.cancel.length > 0) cancel.set(key, [...plan.cancel]);
    }
    await this.store.applyOrderChanges(changes);
    await this.reporter.orderEvents(events);
    const orphans = [...cancel.values()].reduce((n, list) => n + list.length, 0);
    if (orphans + adopted + gone + partlyFilled > 0) {
      this.logger.warn(`reconciliation: ${orphans} orphan(s) to cancel, ${adopted} adopted, ${gone} closed, ${partlyFilled} partly filled`);
    }
    return { cancel, adopted, gone, partlyFilled, skipped };
  }

  /** The market's open orders read at `required` or later, read again after a stale answer; null when every read was stale. */
  private async currentRead(key: string, market: Market, required: number, signal?: AbortSignal): Promise<OpenOrdersAtHeight | null> {
    const retries = this.options.staleReadRetries ?? 2;
    const sleep = this.options.sleep ?? ((ms: number) => abortableSleep(ms, signal));
    let reason = '';
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(this.options.staleReadRetryMs ?? 500);
      const read = await this.chain.openOrders(market, this.options.subaccountId);
      const stale = staleReadReason(read.height, required);
      executorMetrics.reconcileReads().inc({ wallet: this.options.wallet, result: stale === null ? 'current' : 'stale' });
      if (stale === null) return read;
      reason = stale;
    }
    this.logger.warn(`reconciliation of ${key} skipped: ${reason} in ${retries + 1} reads; nothing is changed or cancelled`);
    return null;
  }

  private event(market: string, kind: OrderEvent['kind'], order: StoredOrder, reason: string, now: number): OrderEvent {
    return {
      v: 1,
      wallet: this.options.wallet,
      market,
      kind,
      orderHash: order.orderHash,
      cid: order.cid,
      side: order.side,
      price: order.price,
      quantity: order.quantity,
      reason,
      height: order.height,
      ts: now,
    };
  }
}

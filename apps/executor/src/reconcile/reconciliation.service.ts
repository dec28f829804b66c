import { Logger } from '@nestjs/common';
import type { OrderEvent, StoredOrder } from '@mirrorbook/contracts';
import type { Market } from '@mirrorbook/market';
import type { StoredOrderChanges } from '../batch/batch-outcome.mapper';
import type { ChainAccess } from '../chain/chain.access';
import type { ExecutionReporter } from '../reporting/execution.reporter';
import type { WalletStateStore } from '../state/wallet-state.store';
import { reconcileOrders } from './order.reconciler';

/** What a reconciliation pass found. */
export interface ReconciliationResult {
  /** orphan order hashes to cancel, per market key (already stored, so the cancel batch finds them) */
  readonly cancel: ReadonlyMap<string, readonly string[]>;
  readonly adopted: number;
  readonly gone: number;
  readonly partlyFilled: number;
}

/**
 * Brings `orders:<wallet>:<mk>` in line with the chain's open orders (the chain is the truth),
 * market by market: stored orders the chain no longer lists are dropped, partly filled ones
 * updated, orphans stored and either kept (policy `adopt`) or returned for cancelling; each change
 * is published as an order event.
 */
export class ReconciliationService {
  private readonly logger = new Logger(ReconciliationService.name);

  constructor(
    private readonly chain: ChainAccess,
    private readonly store: WalletStateStore,
    private readonly reporter: ExecutionReporter,
    private readonly wallet: string,
    private readonly subaccountId: string,
    private readonly orphanPolicy: 'cancel' | 'adopt',
  ) {}

  /** One pass over `markets` (key → metadata); `pendingCids` are creates of txs still in flight. */
  async reconcile(markets: ReadonlyMap<string, Market>, pendingCids: ReadonlySet<string> = new Set()): Promise<ReconciliationResult> {
    const cancel = new Map<string, string[]>();
    const changes = new Map<string, StoredOrderChanges>();
    const events: OrderEvent[] = [];
    let adopted = 0;
    let gone = 0;
    let partlyFilled = 0;
    const now = Date.now();
    for (const [key, market] of markets) {
      const [onChain, stored] = await Promise.all([this.chain.openOrders(market, this.subaccountId), this.store.orders(key)]);
      const plan = reconcileOrders({
        chain: onChain.map((o) => ({ orderHash: o.orderHash, cid: o.cid, side: o.side, price: o.price, fillable: o.fillable })),
        stored,
        orphanPolicy: this.orphanPolicy,
        pendingCids,
        now,
      });
      changes.set(key, { upsert: [...plan.orphans, ...plan.partlyFilled.map((p) => p.order)], remove: plan.gone.map((o) => o.orderHash) });
      const toCancel = new Set(plan.cancel);
      for (const order of plan.orphans) {
        if (toCancel.has(order.orderHash)) continue;
        adopted += 1;
        events.push(this.event(key, 'created', order, 'adopted: on chain but unknown to the executor', now));
      }
      for (const { order, filled } of plan.partlyFilled) events.push(this.event(key, 'filled', { ...order, quantity: filled }, 'partly filled', now));
      for (const order of plan.gone) events.push(this.event(key, 'filled', order, 'no longer on chain: filled or cancelled elsewhere', now));
      gone += plan.gone.length;
      partlyFilled += plan.partlyFilled.length;
      if (plan.cancel.length > 0) cancel.set(key, [...plan.cancel]);
    }
    await this.store.applyOrderChanges(changes);
    await this.reporter.orderEvents(events);
    const orphans = [...cancel.values()].reduce((n, list) => n + list.length, 0);
    if (orphans + adopted + gone + partlyFilled > 0) {
      this.logger.warn(`reconciliation: ${orphans} orphan(s) to cancel, ${adopted} adopted, ${gone} gone, ${partlyFilled} partly filled`);
    }
    return { cancel, adopted, gone, partlyFilled };
  }

  private event(market: string, kind: OrderEvent['kind'], order: StoredOrder, reason: string, now: number): OrderEvent {
    return {
      v: 1,
      wallet: this.wallet,
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

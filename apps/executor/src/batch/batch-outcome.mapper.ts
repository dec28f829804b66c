import type { OrderCreateResult } from '@mirrorbook/injective/signing';
import type { OrderEvent, StoredOrder } from '@mirrorbook/contracts';
import type { BuiltBatch, PlacedCancel } from './batch-input.builder';
import type { MergedCreate } from './merged-batch.model';

/** The parts of an included tx's result the mapping reads (see `TxResult` of libs/injective). */
export interface IncludedBatchResult {
  readonly height: number;
  readonly spotCreateResults: readonly OrderCreateResult[];
  readonly derivativeCreateResults: readonly OrderCreateResult[];
  readonly spotCancelSuccess: readonly boolean[];
  readonly derivativeCancelSuccess: readonly boolean[];
}

/** Changes to `orders:<wallet>:<mk>` for one market. */
export interface StoredOrderChanges {
  readonly upsert: StoredOrder[];
  readonly remove: string[];
}

/** What an included batch did, ready for the report, the order events and Redis. */
export interface BatchOutcome {
  readonly createdOrderHashes: string[];
  readonly cancelledOrderHashes: string[];
  /** refused creates by cid, cancels of unknown orders by hash */
  readonly failed: { cid: string; reason: string }[];
  readonly events: OrderEvent[];
  readonly changes: Map<string, StoredOrderChanges>;
}

/** Inputs besides the built batch and the result. */
export interface OutcomeContext {
  readonly wallet: string;
  /** ms since epoch */
  readonly now: number;
  /** the wallet's open orders per market as known before the tx */
  readonly storedBefore: (marketKey: string) => readonly StoredOrder[];
}

/**
 * Matches an included tx's per-index answers back to the merged batch: created hashes to cids,
 * refused creates to their reasons, cancel flags to hashes; a cancel-all removes every order known
 * on its market before the tx. A cancel the chain answered false for was already gone (filled or
 * cancelled): it leaves the store too and is listed as failed.
 */
export function mapBatchOutcome(built: BuiltBatch, result: IncludedBatchResult, ctx: OutcomeContext): BatchOutcome {
  const outcome: BatchOutcome = { createdOrderHashes: [], cancelledOrderHashes: [], failed: [], events: [], changes: new Map() };
  const changes = (market: string) => {
    let entry = outcome.changes.get(market);
    if (!entry) {
      entry = { upsert: [], remove: [] };
      outcome.changes.set(market, entry);
    }
    return entry;
  };
  const known = new Map<string, StoredOrder & { market: string }>();
  const markets = new Set([...built.cancelAllMarkets, ...built.spotCancels.map((c) => c.market), ...built.derivativeCancels.map((c) => c.market)]);
  for (const market of markets) for (const order of ctx.storedBefore(market)) known.set(order.orderHash.toLowerCase(), { ...order, market });

  const cancelled = (market: string, orderHash: string) => {
    const order = known.get(orderHash.toLowerCase());
    const hash = order?.orderHash ?? orderHash;
    outcome.cancelledOrderHashes.push(hash);
    changes(market).remove.push(hash);
    if (order) outcome.events.push(event(ctx, market, 'cancelled', order, result.height, 'cancelled by the executor'));
  };
  for (const market of built.cancelAllMarkets) {
    for (const order of ctx.storedBefore(market)) cancelled(market, order.orderHash);
  }
  const cancelResults = (placed: readonly PlacedCancel[], flags: readonly boolean[]) =>
    placed.forEach((cancel, i) => {
      if (flags[i]) return cancelled(cancel.market, cancel.orderHash);
      const order = known.get(cancel.orderHash.toLowerCase());
      changes(cancel.market).remove.push(order?.orderHash ?? cancel.orderHash);
      outcome.failed.push({ cid: cancel.orderHash, reason: 'cancel found no such order on chain (already filled or cancelled)' });
    });
  cancelResults(built.spotCancels, result.spotCancelSuccess);
  cancelResults(built.derivativeCancels, result.derivativeCancelSuccess);

  const createResults = (creates: readonly MergedCreate[], results: readonly OrderCreateResult[]) =>
    creates.forEach((create, i) => {
      const answer = results[i];
      const { action } = create;
      if (answer?.orderHash) {
        const stored: StoredOrder = {
          orderHash: answer.orderHash,
          cid: action.cid,
          side: action.side,
          price: action.price,
          quantity: action.quantity,
          createdAt: ctx.now,
          height: result.height,
        };
        outcome.createdOrderHashes.push(answer.orderHash);
        changes(create.market).upsert.push(stored);
        outcome.events.push(event(ctx, create.market, 'created', stored, result.height, null));
        return;
      }
      const reason = answer?.failureCode != null ? `refused by the chain (code ${answer.failureCode})` : 'refused by the chain';
      outcome.failed.push({ cid: action.cid, reason });
      outcome.events.push(
        event(ctx, create.market, 'rejected', { orderHash: null, cid: action.cid, side: action.side, price: action.price, quantity: action.quantity }, result.height, reason),
      );
    });
  createResults(built.spotCreates, result.spotCreateResults);
  createResults(built.derivativeCreates, result.derivativeCreateResults);
  return outcome;
}

function event(
  ctx: OutcomeContext,
  market: string,
  kind: OrderEvent['kind'],
  order: Pick<OrderEvent, 'cid' | 'side' | 'price' | 'quantity'> & { orderHash: string | null },
  height: number | null,
  reason: string | null,
): OrderEvent {
  return {
    v: 1,
    wallet: ctx.wallet,
    market,
    kind,
    orderHash: order.orderHash,
    cid: order.cid,
    side: order.side,
    price: order.price,
    quantity: order.quantity,
    reason,
    height,
    ts: ctx.now,
  };
}

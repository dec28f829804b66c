import type Decimal from 'decimal.js';
import type { BatchUpdateOrdersInput, DerivativeOrderCreate, SpotOrderCreate } from '@mirrorbook/injective';
import { Dec, type Market } from '@mirrorbook/market';
import type { MergedBatch, MergedCreate } from './merged-batch.model';

/** A cancel by hash as placed in the msg. */
export interface PlacedCancel {
  readonly market: string;
  readonly orderHash: string;
}

/**
 * The msg input of a merged batch plus the order of every list in it, so the chain's per-index
 * answers (order hashes, cancel flags) can be matched back to cids and markets.
 */
export interface BuiltBatch {
  readonly input: BatchUpdateOrdersInput;
  readonly spotCreates: readonly MergedCreate[];
  readonly derivativeCreates: readonly MergedCreate[];
  readonly spotCancels: readonly PlacedCancel[];
  readonly derivativeCancels: readonly PlacedCancel[];
  /** market keys whose orders the tx cancels all */
  readonly cancelAllMarkets: readonly string[];
  /**
   * orders each cancel-all is expected to remove, by chain market id, for the gas limit (the chain
   * charges per order removed): see `cancelAllBudget`
   */
  readonly cancelAllOrders: ReadonlyMap<string, number>;
}

/**
 * Orders a cancel-all's gas allows for beyond those stored for the market. The store is exact in
 * normal running: one tx at a time, and its orders are written before the next is sent (a tx of
 * unknown outcome is settled first, a takeover reconciles). It can lag by orders it never saw: a
 * predecessor's last tx before the reconciliation, another client on the subaccount, or one
 * placing in the same block (the chain cancels transient orders too). A tx short of gas runs out
 * (code 11), pays its whole fee and cancels nothing, so these few orders (65 000–70 000 gas each)
 * are cheap insurance. The tx's own creates need none: the chain cancels before it creates.
 */
export const CANCEL_ALL_UNSTORED_ORDERS = 4;

/** The orders a cancel-all's gas is set for: those stored for the market plus `CANCEL_ALL_UNSTORED_ORDERS`. */
export function cancelAllBudget(storedOrders: number): number {
  return storedOrders + CANCEL_ALL_UNSTORED_ORDERS;
}

/** Who signs and the data the builder needs per market and bot. */
export interface BatchInputContext {
  readonly injectiveAddress: string;
  readonly subaccountId: string;
  readonly market: (marketKey: string) => Market;
  /** derivatives: margin = notional / leverage */
  readonly leverage: (botId: string, marketKey: string) => Decimal;
  /** orders the wallet is known to hold on the market (`orders:<wallet>:<mk>`); default 0 */
  readonly openOrders?: (marketKey: string) => number;
}

/** Lays a merged batch out as one `MsgBatchUpdateOrders` input (human units; chain format is libs/injective's job). */
export function buildBatchInput(batch: MergedBatch, ctx: BatchInputContext): BuiltBatch {
  const spotCreates: MergedCreate[] = [];
  const derivativeCreates: MergedCreate[] = [];
  const spotCancels: PlacedCancel[] = [];
  const derivativeCancels: PlacedCancel[] = [];
  const spotCancelAll: string[] = [];
  const derivativeCancelAll: string[] = [];
  const cancelAllMarkets: string[] = [];
  for (const entry of batch.markets) {
    const spot = ctx.market(entry.market).type === 'spot';
    if (entry.cancelAll) {
      (spot ? spotCancelAll : derivativeCancelAll).push(ctx.market(entry.market).id);
      cancelAllMarkets.push(entry.market);
    }
    for (const orderHash of entry.cancels) (spot ? spotCancels : derivativeCancels).push({ market: entry.market, orderHash });
    (spot ? spotCreates : derivativeCreates).push(...entry.creates);
  }
  const input: BatchUpdateOrdersInput = {
    injectiveAddress: ctx.injectiveAddress,
    subaccountId: ctx.subaccountId,
    spotCreates: spotCreates.map((c): SpotOrderCreate => ({
      market: ctx.market(c.market),
      side: c.action.side,
      postOnly: c.action.postOnly,
      price: new Dec(c.action.price),
      quantity: new Dec(c.action.quantity),
      cid: c.action.cid,
    })),
    derivativeCreates: derivativeCreates.map((c): DerivativeOrderCreate => ({
      market: ctx.market(c.market),
      side: c.action.side,
      postOnly: c.action.postOnly,
      price: new Dec(c.action.price),
      quantity: new Dec(c.action.quantity),
      cid: c.action.cid,
      ...(c.action.reduceOnly ? { reduceOnly: true } : { leverage: ctx.leverage(c.bot, c.market) }),
    })),
    spotCancels: spotCancels.map((c) => ({ marketId: ctx.market(c.market).id, orderHash: c.orderHash })),
    derivativeCancels: derivativeCancels.map((c) => ({ marketId: ctx.market(c.market).id, orderHash: c.orderHash })),
    spotCancelAll,
    derivativeCancelAll,
  };
  const cancelAllOrders = new Map(cancelAllMarkets.map((m) => [ctx.market(m).id, cancelAllBudget(ctx.openOrders?.(m) ?? 0)]));
  return { input, spotCreates, derivativeCreates, spotCancels, derivativeCancels, cancelAllMarkets, cancelAllOrders };
}

import type Decimal from 'decimal.js';
import { DEFAULT_CANCEL_ALL_ORDERS_PER_MARKET, type BatchUpdateOrdersInput, type DerivativeOrderCreate, type SpotOrderCreate } from '@mirrorbook/injective';
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
   * orders a cancel-all is expected to remove per market, for the gas limit (the chain charges
   * per order removed): the most the wallet holds on any cancel-all market, at least libs/injective's default
   */
  readonly cancelAllOrdersPerMarket: number;
}

/** Who signs and the data the builder needs per market and bot. */
export interface BatchInputContext {
  readonly injectiveAddress: string;
  readonly subaccountId: string;
  readonly market: (marketKey: string) => Market;
  /** derivatives: margin = notional / leverage */
  readonly leverage: (botId: string, marketKey: string) => Decimal;
  /** orders the wallet is known to hold on the market; default 0 (unknown) */
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
  const cancelAllOrdersPerMarket = Math.max(DEFAULT_CANCEL_ALL_ORDERS_PER_MARKET, ...cancelAllMarkets.map((m) => ctx.openOrders?.(m) ?? 0));
  return { input, spotCreates, derivativeCreates, spotCancels, derivativeCancels, cancelAllMarkets, cancelAllOrdersPerMarket };
}

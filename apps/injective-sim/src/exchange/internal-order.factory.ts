import type Decimal from 'decimal.js';
import type { Market, Side } from '@mirrorbook/market';
import type { SimBatch, SimOrderToCreate } from './exchange.port';

/**
 * A plain limit order of one of the sim's internal subaccounts (no cid). A derivative order
 * carries `margin` (quote units), by default the least the market accepts: initial margin ratio ×
 * notional.
 */
export function internalOrder(market: Market, side: Side, price: Decimal, quantity: Decimal, margin?: Decimal): SimOrderToCreate {
  const derivativeMargin =
    market.type === 'derivative' ? (margin ?? price.mul(quantity).mul(market.initialMarginRatio ?? 1)) : null;
  return {
    marketId: market.id,
    side,
    postOnly: false,
    reduceOnly: false,
    price,
    quantity,
    margin: derivativeMargin,
    cid: '',
    feeRecipient: '',
  };
}

/** A batch of `subaccountId` on one market: optionally cancel all its orders there first, then create `orders`. */
export function internalBatch(market: Market, subaccountId: string, orders: SimOrderToCreate[], cancelAll: boolean): SimBatch {
  const spot = market.type === 'spot';
  return {
    sender: '',
    subaccountId,
    spotMarketIdsToCancelAll: spot && cancelAll ? [market.id] : [],
    derivativeMarketIdsToCancelAll: !spot && cancelAll ? [market.id] : [],
    spotOrdersToCancel: [],
    derivativeOrdersToCancel: [],
    spotOrdersToCreate: spot ? orders : [],
    derivativeOrdersToCreate: spot ? [] : orders,
  };
}


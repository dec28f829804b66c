import type Decimal from 'decimal.js';
import type { Market, Side } from '@mirrorbook/market';
import type { SimBatch, SimOrderToCreate } from './exchange.port';

/**
 * A plain limit order of one of the sim's internal subaccounts (no cid). A derivative order
 * carries `margin` (quote units), by default the whole notional (leverage 1), so that the
 * mark-price rule (docs/injective.md#derivative-orders-and-margin) never refuses a sim's own order
 * for lack of margin while the mark stays within about twice its price.
 */
export function internalOrder(market: Market, side: Side, price: Decimal, quantity: Decimal, margin?: Decimal): SimOrderToCreate {
  const derivativeMargin =
    market.type === 'derivative' ? (margin ?? price.mul(quantity)) : null;
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
    spotMarketOrdersToCreate: [],
    derivativeMarketOrdersToCreate: [],
  };
}


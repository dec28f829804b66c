import { Dec, type Side } from '@mirrorbook/market';
import type { SimBatch, SimOrderToCancel, SimOrderToCreate } from './exchange.port';

/** Test support: a subaccount id of `address` (two hex digits, repeated) and nonce 0. */
export function subaccount(byte: string): string {
  return `0x${byte.repeat(20)}${'0'.repeat(24)}`;
}

/** Test support: an order to create; decimals as strings. */
export function order(
  marketId: string,
  side: Side,
  price: string,
  quantity: string,
  extra: { cid?: string; postOnly?: boolean; reduceOnly?: boolean; margin?: string } = {},
): SimOrderToCreate {
  return {
    marketId,
    side,
    price: new Dec(price),
    quantity: new Dec(quantity),
    postOnly: extra.postOnly ?? false,
    reduceOnly: extra.reduceOnly ?? false,
    margin: extra.margin === undefined ? null : new Dec(extra.margin),
    cid: extra.cid ?? '',
    feeRecipient: 'inj1feerecipient',
  };
}

/** Test support: a batch of `subaccountId` with only the given lists filled. */
export function batch(subaccountId: string, parts: Partial<Omit<SimBatch, 'subaccountId' | 'sender'>>): SimBatch {
  return {
    sender: 'inj1sender',
    subaccountId,
    spotMarketIdsToCancelAll: [],
    derivativeMarketIdsToCancelAll: [],
    spotOrdersToCancel: [] as SimOrderToCancel[],
    derivativeOrdersToCancel: [] as SimOrderToCancel[],
    spotOrdersToCreate: [],
    derivativeOrdersToCreate: [],
    spotMarketOrdersToCreate: [],
    derivativeMarketOrdersToCreate: [],
    ...parts,
  };
}

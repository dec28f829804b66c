import type Decimal from 'decimal.js';
import type { DecodedBatchUpdateOrders, DecodedOrderToCancel, DecodedOrderToCreate } from '@mirrorbook/injective/sim-codec';
import { Dec, type Market } from '@mirrorbook/market';
import type { SimBatch, SimBlockRules, SimOrderToCancel, SimOrderToCreate } from '../exchange/exchange.port';
import { subaccountOwnerHex } from '@mirrorbook/injective';
import { TxFailures } from './tx-failures';

const BUY_TYPES: ReadonlySet<number> = new Set([1, 7]);
const SELL_TYPES: ReadonlySet<number> = new Set([2, 8]);
const POST_ONLY_TYPES: ReadonlySet<number> = new Set([7, 8]);
const NONCE = /^\d{1,3}$/;

/**
 * Turns a decoded batch message into the exchange's `SimBatch`, applying the message's stateless
 * rules as the chain's ValidateBasic does (throws `TxFailure`, so the tx is refused at CheckTx
 * without consuming the sequence). v1beta1 chain-format values become human units with the
 * market's decimals; an order on an unknown market keeps its value and fails in the exchange.
 *
 * @param senderHex the signer's 20 address bytes as 40 lower-case hex digits
 */
export function toSimBatch(
  msg: DecodedBatchUpdateOrders,
  senderHex: string,
  marketOf: (marketId: string) => Market | undefined,
): SimBatch {
  if (msg.unsupportedParts.length > 0) {
    throw TxFailures.invalidBatchMsgUpdate(`injective-sim does not simulate ${msg.unsupportedParts.join(', ')}`);
  }
  const hasCancelAll = msg.spotMarketIdsToCancelAll.length > 0 || msg.derivativeMarketIdsToCancelAll.length > 0;
  if (msg.subaccountId !== '' && !hasCancelAll) {
    throw TxFailures.invalidBatchMsgUpdate('msg cannot have a subaccount id without cancel all market ids');
  }
  if (msg.subaccountId === '' && hasCancelAll) {
    throw TxFailures.invalidBatchMsgUpdate('msg must have a subaccount id with cancel all market ids');
  }
  const creates = [...msg.spotOrdersToCreate, ...msg.derivativeOrdersToCreate, ...msg.spotMarketOrdersToCreate, ...msg.derivativeMarketOrdersToCreate];
  const isEmpty = !hasCancelAll && msg.spotOrdersToCancel.length + msg.derivativeOrdersToCancel.length + creates.length === 0;
  if (isEmpty) throw TxFailures.invalidBatchMsgUpdate('msg is empty');

  const owned = (subaccountId: string): string => {
    // the chain also takes a subaccount nonce ("0", "1", …) for one of the sender's subaccounts
    const id = NONCE.test(subaccountId) ? `0x${senderHex}${Number(subaccountId).toString(16).padStart(24, '0')}` : subaccountId.toLowerCase();
    if (subaccountOwnerHex(id) !== senderHex) throw TxFailures.badSubaccountId(subaccountId);
    return id;
  };
  const subaccountId = owned(msg.subaccountId || creates[0]?.subaccountId || defaultSubaccount(senderHex));
  for (const order of creates) {
    // the exchange port takes one subaccount per batch; the chain allows several of the sender's
    if (owned(order.subaccountId) !== subaccountId) {
      throw TxFailures.invalidBatchMsgUpdate('injective-sim needs every order of a batch on one subaccount');
    }
    if (!BUY_TYPES.has(order.orderType) && !SELL_TYPES.has(order.orderType)) {
      throw TxFailures.invalidOrderTypeForMessage(order.orderType);
    }
  }
  const cancel = (c: DecodedOrderToCancel): SimOrderToCancel => ({
    marketId: c.marketId,
    subaccountId: owned(c.subaccountId),
    ...(c.orderHash ? { orderHash: c.orderHash } : {}),
    ...(c.cid ? { cid: c.cid } : {}),
  });
  return {
    sender: msg.sender,
    subaccountId,
    spotMarketIdsToCancelAll: [...msg.spotMarketIdsToCancelAll],
    derivativeMarketIdsToCancelAll: [...msg.derivativeMarketIdsToCancelAll],
    spotOrdersToCancel: msg.spotOrdersToCancel.map(cancel),
    derivativeOrdersToCancel: msg.derivativeOrdersToCancel.map(cancel),
    spotOrdersToCreate: msg.spotOrdersToCreate.map((o) => toCreate(o, 'spot', msg.format, marketOf(o.marketId))),
    derivativeOrdersToCreate: msg.derivativeOrdersToCreate.map((o) =>
      toCreate(o, 'derivative', msg.format, marketOf(o.marketId)),
    ),
    spotMarketOrdersToCreate: msg.spotMarketOrdersToCreate.map((o) => toCreate(o, 'spot', msg.format, marketOf(o.marketId))),
    derivativeMarketOrdersToCreate: msg.derivativeMarketOrdersToCreate.map((o) => toCreate(o, 'derivative', msg.format, marketOf(o.marketId))),
  };
}

/**
 * The sim executes no market orders: it takes them only where the chain refuses each one (post-only
 * mode, exchange 96) and refuses the message otherwise (exchange 58, at CheckTx or in the block).
 */
export function refuseUnsimulatedMarketOrders(batch: SimBatch, rules: SimBlockRules): void {
  if (rules.postOnlyMode) return;
  const parts = [
    ...(batch.spotMarketOrdersToCreate.length > 0 ? ['spotMarketOrdersToCreate'] : []),
    ...(batch.derivativeMarketOrdersToCreate.length > 0 ? ['derivativeMarketOrdersToCreate'] : []),
  ];
  if (parts.length > 0) throw TxFailures.invalidBatchMsgUpdate(`injective-sim does not simulate ${parts.join(', ')} outside post-only mode`);
}

function toCreate(
  o: DecodedOrderToCreate,
  type: 'spot' | 'derivative',
  format: DecodedBatchUpdateOrders['format'],
  market: Market | undefined,
): SimOrderToCreate {
  const scale = humanScale(type, format, market);
  const margin = type === 'derivative' ? new Dec(o.margin ?? '0').mul(scale.margin) : null;
  return {
    marketId: o.marketId,
    side: BUY_TYPES.has(o.orderType) ? 'buy' : 'sell',
    postOnly: POST_ONLY_TYPES.has(o.orderType),
    reduceOnly: margin !== null && margin.isZero(),
    price: new Dec(o.price).mul(scale.price),
    quantity: new Dec(o.quantity).mul(scale.quantity),
    margin,
    cid: o.cid,
    feeRecipient: o.feeRecipient,
  };
}

interface Scale {
  price: Decimal;
  quantity: Decimal;
  margin: Decimal;
}

const ONE = new Dec(1);
const IDENTITY: Scale = { price: ONE, quantity: ONE, margin: ONE };

/** Factors from the message's format to human units (v1beta1: spot × 10^(base−quote) etc.). */
function humanScale(type: 'spot' | 'derivative', format: DecodedBatchUpdateOrders['format'], market: Market | undefined): Scale {
  if (format === 'v2-human' || !market) return IDENTITY;
  const pow = (exp: number) => new Dec(10).pow(exp);
  if (type === 'spot') {
    return { price: pow(market.baseDecimals - market.quoteDecimals), quantity: pow(-market.baseDecimals), margin: ONE };
  }
  return { price: pow(-market.quoteDecimals), quantity: ONE, margin: pow(-market.quoteDecimals) };
}

function defaultSubaccount(senderHex: string): string {
  return `0x${senderHex}${'0'.repeat(24)}`;
}


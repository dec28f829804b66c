import type Decimal from 'decimal.js';
import { Dec, leverageMargin, toDecimalString, type Market } from '@mirrorbook/market';
import { MsgBatchUpdateOrdersV2 } from '@injectivelabs/sdk-ts/core/modules';
import { InvalidOrderInputError } from '../errors/invalid-order-input.error';
import type {
  BatchUpdateOrdersInput,
  DerivativeOrderCreate,
  OrderCancel,
  SpotOrderCreate,
} from './batch-update-orders.input';
import { orderTypeOf } from './order-type';

/** The signed-ready `injective.exchange.v2.MsgBatchUpdateOrders` (human-readable values). */
export type BatchUpdateOrdersMsg = MsgBatchUpdateOrdersV2;

// LegacyDec on chain: 18 fractional digits, no more
const MAX_DECIMALS = 18;
// injective-core types.IsValidCid: "max length of cid to uuid length"
const MAX_CID_LENGTH = 36;
const HASH_32 = /^0x[0-9a-fA-F]{64}$/;
const INJ_ADDRESS = /^inj1[02-9ac-hj-np-z]{38}$/;

/**
 * Builds one `MsgBatchUpdateOrdersV2` from human-unit orders: order types BUY 1 / SELL 2 /
 * BUY_PO 7 / SELL_PO 8, prices, quantities and margins as plain decimal strings (never exponent
 * notation), the fee recipient = the sender, and the subaccount id on the message itself only when
 * a cancel-all list is non-empty (the chain refuses it otherwise). Derivative margin given as
 * leverage is price × quantity ÷ leverage rounded up to the quote decimals; reduce-only orders
 * carry margin 0. Throws `InvalidOrderInputError` naming the offending field.
 */
export function buildBatchUpdateOrdersMsg(input: BatchUpdateOrdersInput): BatchUpdateOrdersMsg {
  if (!INJ_ADDRESS.test(input.injectiveAddress)) fail('injectiveAddress', 'must be an inj1… bech32 address');
  if (!HASH_32.test(input.subaccountId)) fail('subaccountId', 'must be 0x followed by 64 hex digits');
  const { injectiveAddress, subaccountId } = input;
  return MsgBatchUpdateOrdersV2.fromJSON({
    injectiveAddress,
    subaccountId,
    spotOrdersToCreate: (input.spotCreates ?? []).map((order, i) => spotOrder(order, `spotCreates[${i}]`, injectiveAddress)),
    derivativeOrdersToCreate: (input.derivativeCreates ?? []).map((order, i) =>
      derivativeOrder(order, `derivativeCreates[${i}]`, injectiveAddress),
    ),
    spotOrdersToCancel: (input.spotCancels ?? []).map((c, i) => cancel(c, `spotCancels[${i}]`, subaccountId)),
    derivativeOrdersToCancel: (input.derivativeCancels ?? []).map((c, i) => cancel(c, `derivativeCancels[${i}]`, subaccountId)),
    spotMarketIdsToCancelAll: marketIds(input.spotCancelAll ?? [], 'spotCancelAll'),
    derivativeMarketIdsToCancelAll: marketIds(input.derivativeCancelAll ?? [], 'derivativeCancelAll'),
  });
}

function spotOrder(order: SpotOrderCreate, field: string, feeRecipient: string) {
  expectMarketType(order.market, 'spot', `${field}.market`);
  return {
    marketId: order.market.id,
    orderType: orderTypeOf(order.side, order.postOnly),
    price: amount(order.price, `${field}.price`, 'positive'),
    quantity: amount(order.quantity, `${field}.quantity`, 'positive'),
    feeRecipient,
    cid: cid(order.cid, `${field}.cid`),
  };
}

function derivativeOrder(order: DerivativeOrderCreate, field: string, feeRecipient: string) {
  expectMarketType(order.market, 'derivative', `${field}.market`);
  return {
    marketId: order.market.id,
    orderType: orderTypeOf(order.side, order.postOnly),
    price: amount(order.price, `${field}.price`, 'positive'),
    quantity: amount(order.quantity, `${field}.quantity`, 'positive'),
    margin: amount(marginOf(order, field), `${field}.margin`, 'non-negative'),
    feeRecipient,
    cid: cid(order.cid, `${field}.cid`),
  };
}

function marginOf(order: DerivativeOrderCreate, field: string): Decimal {
  const hasMargin = order.margin !== undefined;
  const hasLeverage = order.leverage !== undefined;
  if (order.reduceOnly) {
    if (hasMargin || hasLeverage) fail(`${field}.margin`, 'a reduce-only order carries no margin nor leverage');
    return new Dec(0);
  }
  if (hasMargin === hasLeverage) fail(`${field}.margin`, 'give exactly one of margin and leverage');
  if (order.margin !== undefined) {
    if (!isFiniteDecimal(order.margin) || !order.margin.gt(0)) fail(`${field}.margin`, 'must be greater than zero');
    return order.margin;
  }
  const leverage = order.leverage!;
  if (!isFiniteDecimal(leverage) || !leverage.gt(0)) fail(`${field}.leverage`, 'must be greater than zero');
  // price and quantity are checked before the margin (see derivativeOrder). Rounded up: a margin
  // a hair below price × quantity ÷ leverage would exceed the leverage asked for.
  return leverageMargin(order.price, order.quantity, leverage, order.market.quoteDecimals);
}

function cancel(order: OrderCancel, field: string, subaccountId: string) {
  if (!HASH_32.test(order.marketId)) fail(`${field}.marketId`, 'must be 0x followed by 64 hex digits');
  const byHash = order.orderHash !== undefined && order.orderHash !== '';
  const byCid = order.cid !== undefined && order.cid !== '';
  if (byHash === byCid) fail(field, 'give exactly one of orderHash and cid');
  if (byHash && !HASH_32.test(order.orderHash!)) fail(`${field}.orderHash`, 'must be 0x followed by 64 hex digits');
  return {
    marketId: order.marketId,
    subaccountId,
    ...(byHash ? { orderHash: order.orderHash! } : { cid: cid(order.cid, `${field}.cid`)! }),
  };
}

function marketIds(ids: readonly string[], field: string): string[] {
  return ids.map((marketId, i) => {
    if (!HASH_32.test(marketId)) fail(`${field}[${i}]`, 'must be 0x followed by 64 hex digits');
    return marketId;
  });
}

function amount(value: Decimal, field: string, sign: 'positive' | 'non-negative'): string {
  if (!isFiniteDecimal(value)) fail(field, 'must be a finite Decimal');
  if (sign === 'positive' ? !value.gt(0) : value.lt(0)) {
    fail(field, sign === 'positive' ? 'must be greater than zero' : 'must not be negative');
  }
  if (value.decimalPlaces() > MAX_DECIMALS) fail(field, `has more than ${MAX_DECIMALS} decimals`);
  return toDecimalString(value);
}

function cid(value: string | undefined, field: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length > MAX_CID_LENGTH) fail(field, `must be at most ${MAX_CID_LENGTH} characters`);
  return value;
}

function expectMarketType(market: Market, type: Market['type'], field: string): void {
  if (market.type !== type) fail(field, `must be a ${type} market, ${market.id} is ${market.type}`);
}

function isFiniteDecimal(value: unknown): value is Decimal {
  return Dec.isDecimal(value) && (value as Decimal).isFinite();
}

function fail(field: string, reason: string): never {
  throw new InvalidOrderInputError(field, reason);
}

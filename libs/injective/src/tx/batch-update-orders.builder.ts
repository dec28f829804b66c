import type Decimal from 'decimal.js';
import { Dec, leverageMargin, toDecimalString, type Market } from '@mirrorbook/market';
import { InvalidOrderInputError } from '../errors/invalid-order-input.error';
import { exchangeV2Tx } from '../proto/exchange-v2-tx.proto';
import type {
  BatchUpdateOrdersInput,
  DerivativeOrderCreate,
  OrderCancel,
  SpotOrderCreate,
} from './batch-update-orders.input';
import { orderTypeOf } from './order-type';

/** An `injective.exchange.v2.MsgBatchUpdateOrders`, ready for `signTx` (amounts in their wire form). */
export type BatchUpdateOrdersMsg = ReturnType<typeof exchangeV2Tx.MsgBatchUpdateOrders.create>;

// LegacyDec on chain: 18 fractional digits, no more
const MAX_DECIMALS = 18;
// injective-core types.IsValidCid: "max length of cid to uuid length"
const MAX_CID_LENGTH = 36;
const HASH_32 = /^0x[0-9a-fA-F]{64}$/;
const INJ_ADDRESS = /^inj1[02-9ac-hj-np-z]{38}$/;

/**
 * Builds one `injective.exchange.v2.MsgBatchUpdateOrders` from human-unit orders, field for field
 * what the SDK's `MsgBatchUpdateOrdersV2` sends (tx.signer.golden.spec.ts): order types BUY 1 /
 * SELL 2 / BUY_PO 7 / SELL_PO 8, prices, quantities and margins as LegacyDec wire strings
 * (× 10^18), trigger price 0, the fee recipient = the sender, and the subaccount id on the message itself only when
 * a cancel-all list is non-empty (the chain refuses it otherwise). Derivative margin given as
 * leverage is price × quantity ÷ leverage rounded up to the quote decimals; reduce-only orders
 * carry margin 0. Throws `InvalidOrderInputError` naming the offending field.
 */
export function buildBatchUpdateOrdersMsg(input: BatchUpdateOrdersInput): BatchUpdateOrdersMsg {
  if (!INJ_ADDRESS.test(input.injectiveAddress)) fail('injectiveAddress', 'must be an inj1… bech32 address');
  if (!HASH_32.test(input.subaccountId)) fail('subaccountId', 'must be 0x followed by 64 hex digits');
  const { injectiveAddress: sender, subaccountId } = input;
  const owner = { sender, subaccountId };
  const spotOrdersToCreate = (input.spotCreates ?? []).map((order, i) => spotOrder(order, `spotCreates[${i}]`, owner));
  const derivativeOrdersToCreate = (input.derivativeCreates ?? []).map((order, i) => derivativeOrder(order, `derivativeCreates[${i}]`, owner));
  const spotOrdersToCancel = (input.spotCancels ?? []).map((c, i) => cancel(c, `spotCancels[${i}]`, subaccountId));
  const derivativeOrdersToCancel = (input.derivativeCancels ?? []).map((c, i) => cancel(c, `derivativeCancels[${i}]`, subaccountId));
  const spotMarketIdsToCancelAll = marketIds(input.spotCancelAll ?? [], 'spotCancelAll');
  const derivativeMarketIdsToCancelAll = marketIds(input.derivativeCancelAll ?? [], 'derivativeCancelAll');
  const cancelsAll = spotMarketIdsToCancelAll.length + derivativeMarketIdsToCancelAll.length > 0;
  return exchangeV2Tx.MsgBatchUpdateOrders.create({
    sender,
    ...(cancelsAll && { subaccountId }),
    spotMarketIdsToCancelAll,
    derivativeMarketIdsToCancelAll,
    spotOrdersToCancel,
    derivativeOrdersToCancel,
    spotOrdersToCreate,
    derivativeOrdersToCreate,
  });
}

/** Who places the orders: the sender (also their fee recipient) and its subaccount. */
interface Owner {
  readonly sender: string;
  readonly subaccountId: string;
}

function spotOrder(order: SpotOrderCreate, field: string, owner: Owner) {
  expectMarketType(order.market, 'spot', `${field}.market`);
  return {
    marketId: order.market.id,
    orderType: orderTypeOf(order.side, order.postOnly),
    orderInfo: orderInfo(order, field, owner),
    triggerPrice: '0',
    expirationBlock: 0n,
  };
}

function derivativeOrder(order: DerivativeOrderCreate, field: string, owner: Owner) {
  expectMarketType(order.market, 'derivative', `${field}.market`);
  const info = orderInfo(order, field, owner);
  return {
    marketId: order.market.id,
    orderType: orderTypeOf(order.side, order.postOnly),
    orderInfo: info,
    margin: amount(marginOf(order, field), `${field}.margin`, 'non-negative'),
    triggerPrice: '0',
    expirationBlock: 0n,
  };
}

function orderInfo(order: SpotOrderCreate | DerivativeOrderCreate, field: string, owner: Owner) {
  return {
    subaccountId: owner.subaccountId,
    feeRecipient: owner.sender,
    price: amount(order.price, `${field}.price`, 'positive'),
    quantity: amount(order.quantity, `${field}.quantity`, 'positive'),
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
  return legacyDecOnWire(toDecimalString(value));
}

/**
 * A LegacyDec as the chain's protobuf carries it: the value × 10^18 as an integer string, shifted
 * as text so no digit is rounded (the value has at most 18 decimals, checked before).
 */
function legacyDecOnWire(decimal: string): string {
  const [whole, fraction = ''] = decimal.split('.');
  return `${whole}${fraction.padEnd(MAX_DECIMALS, '0')}`.replace(/^0+(?=\d)/, '');
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

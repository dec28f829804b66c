import { exchangeV1Tx } from '../proto/exchange-v1beta1-tx.proto';
import { exchangeV2Tx } from '../proto/exchange-v2-tx.proto';
import { guardDecode, TxDecodeError } from './tx-decode.error';

/*
 * The messages of a tx as the simulator sees them (server side of the codec, see tx.decoder.ts):
 * MsgBatchUpdateOrders in its v2 (human units) and v1beta1 (chain format) forms, anything else as
 * an unsupported message.
 */

/** Type URL of the v2 (human-unit) batch message. */
export const MSG_BATCH_UPDATE_ORDERS_V2_TYPE_URL = '/injective.exchange.v2.MsgBatchUpdateOrders';
/** Type URL of the v1beta1 (chain-format) batch message. */
export const MSG_BATCH_UPDATE_ORDERS_V1_TYPE_URL = '/injective.exchange.v1beta1.MsgBatchUpdateOrders';

const LEGACY_DEC_PRECISION = 18;

/** An order to create as it appears in the message. */
export interface DecodedOrderToCreate {
  marketId: string;
  subaccountId: string;
  feeRecipient: string;
  /** OrderType number: BUY 1, SELL 2, STOP_BUY 3, STOP_SELL 4, TAKE_BUY 5, TAKE_SELL 6, BUY_PO 7, SELL_PO 8, BUY_ATOMIC 9, SELL_ATOMIC 10 */
  orderType: number;
  /** decimal string: human units for `v2-human`, chain format for `v1-chain` */
  price: string;
  /** decimal string: human units for `v2-human`, chain format for `v1-chain` */
  quantity: string;
  /** derivatives: decimal string in the message's format; spot: null */
  margin: string | null;
  /** decimal string in the message's format ("0" when unset) */
  triggerPrice: string;
  cid: string;
  /** v2 only; "0" when unset */
  expirationBlock: string;
}

/** An order to cancel as it appears in the message. */
export interface DecodedOrderToCancel {
  marketId: string;
  subaccountId: string;
  /** "" when cancelling by cid */
  orderHash: string;
  /** "" when cancelling by hash */
  cid: string;
  orderMask: number;
}

/**
 * A decoded MsgBatchUpdateOrders. Decimal fields are the LegacyDec values as plain decimal
 * strings (the wire's 10^18 scaling already removed): human units when `format` is `v2-human`,
 * chain format (needs the market's decimals to become human) when `format` is `v1-chain`.
 */
export interface DecodedBatchUpdateOrders {
  kind: 'batch-update-orders';
  typeUrl: string;
  format: 'v2-human' | 'v1-chain';
  sender: string;
  /** "" unless a cancel-all list is present */
  subaccountId: string;
  spotMarketIdsToCancelAll: string[];
  derivativeMarketIdsToCancelAll: string[];
  spotOrdersToCancel: DecodedOrderToCancel[];
  derivativeOrdersToCancel: DecodedOrderToCancel[];
  spotOrdersToCreate: DecodedOrderToCreate[];
  derivativeOrdersToCreate: DecodedOrderToCreate[];
  /** v2 only (v1beta1 batches carry none) */
  spotMarketOrdersToCreate: DecodedOrderToCreate[];
  /** v2 only (v1beta1 batches carry none) */
  derivativeMarketOrdersToCreate: DecodedOrderToCreate[];
  /** names of non-empty parts the stand-in does not model (binary options) */
  unsupportedParts: string[];
}

/** A message type the decoder does not model. */
export interface DecodedUnsupportedMessage {
  kind: 'unsupported';
  typeUrl: string;
}

/** One message of a decoded tx. */
export type DecodedTxMessage = DecodedBatchUpdateOrders | DecodedUnsupportedMessage;

/** Decodes one message (an Any's type URL and value) of a tx body. Throws only `TxDecodeError`. */
export function decodeTxMessage(typeUrl: string, value: Uint8Array): DecodedTxMessage {
  if (typeUrl === MSG_BATCH_UPDATE_ORDERS_V2_TYPE_URL) {
    const m = guardDecode('MALFORMED_MESSAGE', `malformed ${typeUrl}`, () => exchangeV2Tx.MsgBatchUpdateOrders.fromBinary(value));
    return guardDecode('MALFORMED_MESSAGE', `malformed ${typeUrl}`, () => ({
      ...batchCommon(typeUrl, 'v2-human', m),
      spotMarketOrdersToCreate: m.spotMarketOrdersToCreate.map((o) => toCreate(o, false)),
      derivativeMarketOrdersToCreate: m.derivativeMarketOrdersToCreate.map((o) => toCreate(o, true)),
      unsupportedParts: nonEmpty({
        binaryOptionsOrdersToCancel: m.binaryOptionsOrdersToCancel,
        binaryOptionsMarketIdsToCancelAll: m.binaryOptionsMarketIdsToCancelAll,
        binaryOptionsOrdersToCreate: m.binaryOptionsOrdersToCreate,
        binaryOptionsMarketOrdersToCreate: m.binaryOptionsMarketOrdersToCreate,
      }),
    }));
  }
  if (typeUrl === MSG_BATCH_UPDATE_ORDERS_V1_TYPE_URL) {
    const m = guardDecode('MALFORMED_MESSAGE', `malformed ${typeUrl}`, () => exchangeV1Tx.MsgBatchUpdateOrders.fromBinary(value));
    return guardDecode('MALFORMED_MESSAGE', `malformed ${typeUrl}`, () => ({
      ...batchCommon(typeUrl, 'v1-chain', m),
      spotMarketOrdersToCreate: [],
      derivativeMarketOrdersToCreate: [],
      unsupportedParts: nonEmpty({
        binaryOptionsOrdersToCancel: m.binaryOptionsOrdersToCancel,
        binaryOptionsMarketIdsToCancelAll: m.binaryOptionsMarketIdsToCancelAll,
        binaryOptionsOrdersToCreate: m.binaryOptionsOrdersToCreate,
      }),
    }));
  }
  return { kind: 'unsupported', typeUrl };
}

interface ProtoOrderInfo {
  subaccountId: string;
  feeRecipient: string;
  price: string;
  quantity: string;
  cid: string;
}
interface ProtoOrder {
  marketId: string;
  orderInfo?: ProtoOrderInfo;
  orderType: number;
  triggerPrice: string;
  margin?: string;
  expirationBlock?: bigint;
}
interface ProtoOrderData {
  marketId: string;
  subaccountId: string;
  orderHash: string;
  orderMask: number;
  cid: string;
}
interface ProtoBatch {
  sender: string;
  subaccountId: string;
  spotMarketIdsToCancelAll: string[];
  derivativeMarketIdsToCancelAll: string[];
  spotOrdersToCancel: ProtoOrderData[];
  derivativeOrdersToCancel: ProtoOrderData[];
  spotOrdersToCreate: ProtoOrder[];
  derivativeOrdersToCreate: ProtoOrder[];
}

function batchCommon(
  typeUrl: string,
  format: DecodedBatchUpdateOrders['format'],
  m: ProtoBatch,
): Omit<DecodedBatchUpdateOrders, 'unsupportedParts' | 'spotMarketOrdersToCreate' | 'derivativeMarketOrdersToCreate'> {
  return {
    kind: 'batch-update-orders',
    typeUrl,
    format,
    sender: m.sender,
    subaccountId: m.subaccountId,
    spotMarketIdsToCancelAll: [...m.spotMarketIdsToCancelAll],
    derivativeMarketIdsToCancelAll: [...m.derivativeMarketIdsToCancelAll],
    spotOrdersToCancel: m.spotOrdersToCancel.map(toCancel),
    derivativeOrdersToCancel: m.derivativeOrdersToCancel.map(toCancel),
    spotOrdersToCreate: m.spotOrdersToCreate.map((o) => toCreate(o, false)),
    derivativeOrdersToCreate: m.derivativeOrdersToCreate.map((o) => toCreate(o, true)),
  };
}

function toCancel(o: ProtoOrderData): DecodedOrderToCancel {
  return { marketId: o.marketId, subaccountId: o.subaccountId, orderHash: o.orderHash, cid: o.cid, orderMask: o.orderMask };
}

function toCreate(o: ProtoOrder, derivative: boolean): DecodedOrderToCreate {
  const info = o.orderInfo;
  if (!info) throw new TxDecodeError('MALFORMED_MESSAGE', `order on market ${o.marketId} has no order info`);
  return {
    marketId: o.marketId,
    subaccountId: info.subaccountId,
    feeRecipient: info.feeRecipient,
    orderType: o.orderType,
    price: fromLegacyDec(info.price),
    quantity: fromLegacyDec(info.quantity),
    margin: derivative ? fromLegacyDec(o.margin ?? '') : null,
    triggerPrice: fromLegacyDec(o.triggerPrice),
    cid: info.cid,
    expirationBlock: String(o.expirationBlock ?? 0n),
  };
}

/**
 * A LegacyDec's wire form is its value × 10^18 as an integer string; returns the plain decimal
 * (`"12345000000000000000"` → `"12.345"`, `""` → `"0"`).
 * @internal exported for tests
 */
export function fromLegacyDec(wire: string): string {
  if (wire === '') return '0';
  const match = /^(-?)(\d+)$/.exec(wire);
  if (!match) throw new TxDecodeError('MALFORMED_MESSAGE', `invalid decimal ${JSON.stringify(wire.slice(0, 40))}`);
  const [, sign, digits] = match as unknown as [string, string, string];
  const padded = digits.padStart(LEGACY_DEC_PRECISION + 1, '0');
  const int = padded.slice(0, -LEGACY_DEC_PRECISION).replace(/^0+(?=\d)/, '');
  const frac = padded.slice(-LEGACY_DEC_PRECISION).replace(/0+$/, '');
  const text = frac ? `${int}.${frac}` : int;
  return sign && text !== '0' ? `-${text}` : text;
}

function nonEmpty(parts: Record<string, readonly unknown[]>): string[] {
  return Object.entries(parts)
    .filter(([, list]) => list.length > 0)
    .map(([name]) => name);
}

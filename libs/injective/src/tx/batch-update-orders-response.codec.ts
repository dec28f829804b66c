import { abciProto } from '../proto/abci.proto';
import { exchangeV2Tx } from '../proto/exchange-v2-tx.proto';

/** Type URL of the msg response the chain puts into `TxMsgData.msg_responses`. */
export const BATCH_UPDATE_ORDERS_RESPONSE_TYPE_URL = '/injective.exchange.v2.MsgBatchUpdateOrdersResponse';

/**
 * What a `MsgBatchUpdateOrders` did, per list of the msg (indexes follow the msg's lists).
 * For a create that failed, the chain writes its ABCI error code (e.g. `"97"`) in place of the hash.
 */
export interface BatchUpdateOrdersOutcome {
  readonly spotCancelSuccess: readonly boolean[];
  readonly derivativeCancelSuccess: readonly boolean[];
  readonly spotOrderHashes: readonly string[];
  readonly derivativeOrderHashes: readonly string[];
  readonly createdSpotOrdersCids: readonly string[];
  readonly failedSpotOrdersCids: readonly string[];
  readonly createdDerivativeOrdersCids: readonly string[];
  readonly failedDerivativeOrdersCids: readonly string[];
}

/**
 * The batch outcome in a tx response's `data` (upper- or lower-case hex of
 * `cosmos.base.abci.v1beta1.TxMsgData`), or null when `data` is empty or holds no
 * `MsgBatchUpdateOrdersResponse`. Throws when `data` is not hex or not that protobuf.
 */
export function decodeBatchUpdateOrdersData(dataHex: string): BatchUpdateOrdersOutcome | null {
  if (dataHex === '') return null;
  if (!/^([0-9a-fA-F]{2})+$/.test(dataHex)) throw new Error('data is not hex');
  const txMsgData = abciProto.TxMsgData.fromBinary(Buffer.from(dataHex, 'hex'));
  const any = txMsgData.msgResponses.find((r) => r.typeUrl === BATCH_UPDATE_ORDERS_RESPONSE_TYPE_URL);
  if (!any) return null;
  return batchUpdateOrdersOutcomeOf(exchangeV2Tx.MsgBatchUpdateOrdersResponse.fromBinary(any.value));
}

/** The outcome lists of a decoded `MsgBatchUpdateOrdersResponse` (v1 or v2: the same fields). */
export function batchUpdateOrdersOutcomeOf(r: { readonly [K in keyof BatchUpdateOrdersOutcome]: BatchUpdateOrdersOutcome[K] }): BatchUpdateOrdersOutcome {
  return {
    spotCancelSuccess: r.spotCancelSuccess,
    derivativeCancelSuccess: r.derivativeCancelSuccess,
    spotOrderHashes: r.spotOrderHashes,
    derivativeOrderHashes: r.derivativeOrderHashes,
    createdSpotOrdersCids: r.createdSpotOrdersCids,
    failedSpotOrdersCids: r.failedSpotOrdersCids,
    createdDerivativeOrdersCids: r.createdDerivativeOrdersCids,
    failedDerivativeOrdersCids: r.failedDerivativeOrdersCids,
  };
}

/**
 * The `tx_response.data` the chain would report for this outcome: upper-case hex of a
 * `TxMsgData` with one `MsgBatchUpdateOrdersResponse` in `msg_responses`. For stand-ins (the
 * simulator) that must answer like the chain.
 */
export function encodeBatchUpdateOrdersData(outcome: BatchUpdateOrdersOutcome): string {
  const response = exchangeV2Tx.MsgBatchUpdateOrdersResponse.create({
    spotCancelSuccess: [...outcome.spotCancelSuccess],
    derivativeCancelSuccess: [...outcome.derivativeCancelSuccess],
    spotOrderHashes: [...outcome.spotOrderHashes],
    derivativeOrderHashes: [...outcome.derivativeOrderHashes],
    createdSpotOrdersCids: [...outcome.createdSpotOrdersCids],
    failedSpotOrdersCids: [...outcome.failedSpotOrdersCids],
    createdDerivativeOrdersCids: [...outcome.createdDerivativeOrdersCids],
    failedDerivativeOrdersCids: [...outcome.failedDerivativeOrdersCids],
  });
  const txMsgData = abciProto.TxMsgData.create({
    msgResponses: [
      {
        typeUrl: BATCH_UPDATE_ORDERS_RESPONSE_TYPE_URL,
        value: exchangeV2Tx.MsgBatchUpdateOrdersResponse.toBinary(response),
      },
    ],
  });
  return Buffer.from(abciProto.TxMsgData.toBinary(txMsgData)).toString('hex').toUpperCase();
}

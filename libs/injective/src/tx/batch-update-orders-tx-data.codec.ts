import { bytesToHex } from '@noble/hashes/utils';
import { abciProto } from '../proto/abci.proto';
import { exchangeV1Tx } from '../proto/exchange-v1beta1-tx.proto';
import { exchangeV2Tx } from '../proto/exchange-v2-tx.proto';
import { MSG_BATCH_UPDATE_ORDERS_V1_TYPE_URL } from './batch-update-orders-msg.decoder';
import { batchUpdateOrdersOutcomeOf } from './batch-update-orders-response.codec';
import { guardDecode, TxDecodeError } from './tx-decode.error';

/** The chain's `MsgBatchUpdateOrdersResponse` (v2) fields the stand-in fills in. */
export interface BatchUpdateOrdersResponseFields {
  spotCancelSuccess: boolean[];
  derivativeCancelSuccess: boolean[];
  spotOrderHashes: string[];
  derivativeOrderHashes: string[];
  createdSpotOrdersCids: string[];
  failedSpotOrdersCids: string[];
  createdDerivativeOrdersCids: string[];
  failedDerivativeOrdersCids: string[];
}

/**
 * Encodes `tx_response.data` for a tx whose messages are batch updates: upper-case hex of a
 * `TxMsgData{msg_responses: [Any(MsgBatchUpdateOrdersResponse)...]}`, one response per message,
 * typed after each message's own type URL (`…v2.MsgBatchUpdateOrders` → `…v2.MsgBatchUpdateOrdersResponse`).
 */
export function encodeBatchUpdateOrdersTxData(
  responses: { typeUrl: string; fields: BatchUpdateOrdersResponseFields }[],
): string {
  const msgResponses = responses.map(({ typeUrl, fields }) => {
    const value =
      typeUrl === MSG_BATCH_UPDATE_ORDERS_V1_TYPE_URL
        ? exchangeV1Tx.MsgBatchUpdateOrdersResponse.toBinary(exchangeV1Tx.MsgBatchUpdateOrdersResponse.create(fields))
        : exchangeV2Tx.MsgBatchUpdateOrdersResponse.toBinary(exchangeV2Tx.MsgBatchUpdateOrdersResponse.create(fields));
    return { typeUrl: `${typeUrl}Response`, value };
  });
  return bytesToHex(abciProto.TxMsgData.toBinary(abciProto.TxMsgData.create({ msgResponses }))).toUpperCase();
}

/**
 * Decodes `tx_response.data` (hex TxMsgData) back into batch responses: the inverse of
 * `encodeBatchUpdateOrdersTxData`, for tests and tools. Throws `TxDecodeError` for bad input.
 */
export function decodeBatchUpdateOrdersTxData(
  dataHex: string,
): { typeUrl: string; fields: BatchUpdateOrdersResponseFields }[] {
  const data = guardDecode('MALFORMED_TX', 'malformed tx data', () => abciProto.TxMsgData.fromBinary(hexToBytes(dataHex)));
  return data.msgResponses.map((any) => {
    const codec =
      any.typeUrl === `${MSG_BATCH_UPDATE_ORDERS_V1_TYPE_URL}Response`
        ? exchangeV1Tx.MsgBatchUpdateOrdersResponse
        : exchangeV2Tx.MsgBatchUpdateOrdersResponse;
    const r = guardDecode('MALFORMED_MESSAGE', `malformed ${any.typeUrl}`, () => codec.fromBinary(any.value));
    return {
      typeUrl: any.typeUrl,
      fields: { ...batchUpdateOrdersOutcomeOf(r) } as BatchUpdateOrdersResponseFields,
    };
  });
}

function hexToBytes(hex: string): Uint8Array {
  if (!/^([0-9a-fA-F]{2})*$/.test(hex)) throw new TxDecodeError('MALFORMED_TX', 'data is not hex');
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

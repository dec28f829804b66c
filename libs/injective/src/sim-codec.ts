// @mirrorbook/injective/sim-codec: the server side of the tx codec, for apps/injective-sim only (the
// boundary rules in eslint.config.mjs refuse it to every other app). It decodes and verifies what
// the bots' signer (the main entry, `@mirrorbook/injective`) encodes, and answers in the shape that
// entry decodes (tx/sim-codec.compat.spec.ts).
export {
  decodeTx,
  ETH_SECP256K1_PUBKEY_TYPE_URL,
  txHashOf,
  type DecodedTx,
} from './tx/tx.decoder';
export { TxDecodeError } from './tx/tx-decode.error';
export {
  type DecodedBatchUpdateOrders,
  type DecodedOrderToCancel,
  type DecodedOrderToCreate,
} from './tx/batch-update-orders-msg.decoder';
export { verifyTxSignature } from './tx/tx-signature.verifier';
export {
  decodeBatchUpdateOrdersTxData,
  encodeBatchUpdateOrdersTxData,
  type BatchUpdateOrdersResponseFields,
} from './tx/batch-update-orders-tx-data.codec';
export { txBytesToJson } from './tx/tx-json.printer';

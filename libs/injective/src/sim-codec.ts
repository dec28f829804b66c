// @mirrorbook/injective/sim-codec: the server side of the tx codec, for apps/injective-sim only (the
// boundary rules in eslint.config.mjs refuse it to every other app). It decodes and verifies what
// the bots' signer (the main entry, `@mirrorbook/injective`) encodes, and answers in the shape that
// entry decodes (tx/sim-codec.compat.spec.ts).
export {
  decodeBatchUpdateOrdersTxData,
  decodeTx,
  encodeBatchUpdateOrdersTxData,
  ETH_SECP256K1_PUBKEY_TYPE_URL,
  txBytesToJson,
  TxDecodeError,
  txHashOf,
  verifyTxSignature,
  type BatchUpdateOrdersResponseFields,
  type DecodedBatchUpdateOrders,
  type DecodedOrderToCancel,
  type DecodedOrderToCreate,
  type DecodedTx,
} from './tx/tx.decoder';

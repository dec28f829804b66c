import type * as CosmosTx from '@injectivelabs/core-proto-ts-v2/generated/cosmos/tx/v1beta1/tx_pb' with { 'resolution-mode': 'import' };

/** Protobuf codecs of `cosmos.tx.v1beta1` (TxRaw, SignDoc); ESM-only package, see exchange-v2-tx.proto.ts. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- ESM-only package: require(esm), Node >= 20.19
export const cosmosTxProto: typeof CosmosTx = require('@injectivelabs/core-proto-ts-v2/generated/cosmos/tx/v1beta1/tx_pb');

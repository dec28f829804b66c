import type * as Abci from '@injectivelabs/core-proto-ts-v2/generated/cosmos/base/abci/v1beta1/abci_pb' with { 'resolution-mode': 'import' };

/** Protobuf codecs of `cosmos.base.abci.v1beta1` (TxMsgData); ESM-only package, see exchange-v2-tx.proto.ts. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- ESM-only package: require(esm), Node >= 20.19
export const abciProto: typeof Abci = require('@injectivelabs/core-proto-ts-v2/generated/cosmos/base/abci/v1beta1/abci_pb');

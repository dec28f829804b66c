import type * as ExchangeV1Tx from '@injectivelabs/core-proto-ts-v2/generated/injective/exchange/v1beta1/tx_pb' with { 'resolution-mode': 'import' };

/** Protobuf codecs of `injective.exchange.v1beta1` (chain-format) tx messages; ESM-only package, see exchange-v2-tx.proto.ts. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- ESM-only package: require(esm), Node >= 20.19
export const exchangeV1Tx: typeof ExchangeV1Tx = require('@injectivelabs/core-proto-ts-v2/generated/injective/exchange/v1beta1/tx_pb');

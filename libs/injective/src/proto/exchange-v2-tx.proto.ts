import type * as ExchangeV2Tx from '@injectivelabs/core-proto-ts-v2/generated/injective/exchange/v2/tx_pb' with { 'resolution-mode': 'import' };

/**
 * Protobuf codecs of `injective.exchange.v2` tx messages. The package is ESM-only: this CJS
 * build loads it with `require()` (Node >= 20.19) and borrows its types.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- ESM-only package: require(esm), Node >= 20.19
export const exchangeV2Tx: typeof ExchangeV2Tx = require('@injectivelabs/core-proto-ts-v2/generated/injective/exchange/v2/tx_pb');

import type * as EthSecp256k1Keys from '@injectivelabs/core-proto-ts-v2/generated/injective/crypto/v1beta1/ethsecp256k1/keys_pb' with { 'resolution-mode': 'import' };

/** Protobuf codecs of `injective.crypto.v1beta1.ethsecp256k1` (PubKey); ESM-only package, see exchange-v2-tx.proto.ts. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- ESM-only package: require(esm), Node >= 20.19
export const ethSecp256k1Keys: typeof EthSecp256k1Keys = require('@injectivelabs/core-proto-ts-v2/generated/injective/crypto/v1beta1/ethsecp256k1/keys_pb');

import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import { cosmosTxProto } from '../proto/cosmos-tx.proto';
import { injAddressOfPublicKey } from '../wallet/public-key.address';
import { ethSecp256k1Keys } from '../proto/ethsecp256k1-keys.proto';
import { decodeTxMessage, type DecodedTxMessage } from './batch-update-orders-msg.decoder';
import { guardDecode, TxDecodeError } from './tx-decode.error';

/*
 * Server-side tx codec for the offline chain stand-in (apps/injective-sim), published as
 * `@mirrorbook/injective/sim-codec`: decode TxRaw bytes into plain typed objects (this file; the
 * messages in batch-update-orders-msg.decoder.ts), verify the DIRECT-mode ethsecp256k1 signature
 * (tx-signature.verifier.ts), and encode the few chain replies that are protobuf (the
 * MsgBatchUpdateOrders response in `tx_response.data`: batch-update-orders-tx-data.codec.ts).
 * It is the only place outside the adapter that touches the Injective proto codecs.
 */

/** Type URL of Injective's account public key (33-byte compressed secp256k1). */
export const ETH_SECP256K1_PUBKEY_TYPE_URL = '/injective.crypto.v1beta1.ethsecp256k1.PubKey';

const SIGN_MODE_DIRECT = 1;
const STRICT_READ = { readUnknownField: 'throw' } as const;

/** One coin of the fee, chain base units (integer string). */
export interface DecodedCoin {
  denom: string;
  /** integer string, base units of `denom` */
  amount: string;
}

/** The single signer of a tx. */
export interface DecodedSigner {
  /** type URL of the key in the tx, or null when the tx carries none (the chain then uses the stored key) */
  pubKeyTypeUrl: string | null;
  /** 33-byte compressed secp256k1 key, or null when absent */
  pubKey: Uint8Array | null;
  /** bech32 `inj1…` address derived from `pubKey`, or null when absent */
  address: string | null;
  /** the sequence the tx was signed with */
  sequence: bigint;
  /** protobuf SignMode number (1 = DIRECT) */
  signMode: number;
}

/** A decoded (not yet authenticated) tx. */
export interface DecodedTx {
  /** upper-case hex sha256 of the raw tx bytes: the chain's tx hash */
  hash: string;
  messages: DecodedTxMessage[];
  memo: string;
  /** 0n = no timeout */
  timeoutHeight: bigint;
  signer: DecodedSigner;
  fee: { amount: DecodedCoin[]; gasLimit: bigint; payer: string; granter: string };
  /** the pieces a SignDoc is built from, kept for `verifyTxSignature` */
  bodyBytes: Uint8Array;
  authInfoBytes: Uint8Array;
  signature: Uint8Array;
}

/**
 * Decodes broadcast `tx_bytes` (a TxRaw). Throws only `TxDecodeError`.
 */
export function decodeTx(txBytes: Uint8Array): DecodedTx {
  const tx = cosmosTxProto;
  const raw = guardDecode('MALFORMED_TX', 'tx parse error', () => tx.TxRaw.fromBinary(txBytes, STRICT_READ));
  const body = guardDecode('MALFORMED_TX', 'tx parse error: body', () => tx.TxBody.fromBinary(raw.bodyBytes, STRICT_READ));
  const authInfo = guardDecode('MALFORMED_TX', 'tx parse error: auth info', () =>
    tx.AuthInfo.fromBinary(raw.authInfoBytes, STRICT_READ),
  );
  if (body.messages.length === 0) throw new TxDecodeError('MALFORMED_TX', 'must contain at least one message');
  if (!authInfo.fee) throw new TxDecodeError('MALFORMED_TX', 'tx parse error: missing fee');

  const signerInfos = authInfo.signerInfos;
  if (signerInfos.length === 0 || raw.signatures.length === 0) {
    throw new TxDecodeError('NO_SIGNATURES', 'no signatures supplied');
  }
  if (signerInfos.length > 1 || raw.signatures.length > 1) {
    throw new TxDecodeError(
      'MULTIPLE_SIGNERS',
      `wrong number of signers; expected 1, got ${Math.max(signerInfos.length, raw.signatures.length)}`,
    );
  }
  const signerInfo = signerInfos[0]!;
  const mode = signerInfo.modeInfo?.sum.oneofKind === 'single' ? signerInfo.modeInfo.sum.single.mode : -1;
  if (mode !== SIGN_MODE_DIRECT) throw new TxDecodeError('UNSUPPORTED_SIGN_MODE', `unsupported sign mode ${mode}`);

  return {
    hash: txHashOf(txBytes),
    messages: body.messages.map((any) => decodeTxMessage(any.typeUrl, any.value)),
    memo: body.memo,
    timeoutHeight: body.timeoutHeight,
    signer: { ...decodeSignerKey(signerInfo.publicKey), sequence: signerInfo.sequence, signMode: mode },
    fee: {
      amount: authInfo.fee.amount.map((c) => ({ denom: c.denom, amount: c.amount })),
      gasLimit: authInfo.fee.gasLimit,
      payer: authInfo.fee.payer,
      granter: authInfo.fee.granter,
    },
    bodyBytes: raw.bodyBytes,
    authInfoBytes: raw.authInfoBytes,
    signature: raw.signatures[0]!,
  };
}

/** Upper-case hex sha256 of raw tx bytes, as the chain reports `txhash`. */
export function txHashOf(txBytes: Uint8Array): string {
  return bytesToHex(sha256(txBytes)).toUpperCase();
}

/** bech32 `inj1…` address of a 33-byte compressed (or 65-byte uncompressed) secp256k1 key. */
export function injectiveAddressFromPubKey(pubKey: Uint8Array): string {
  return injAddressOfPublicKey(pubKey);
}

function decodeSignerKey(any: { typeUrl: string; value: Uint8Array } | undefined): Omit<DecodedSigner, 'sequence' | 'signMode'> {
  if (!any) return { pubKeyTypeUrl: null, pubKey: null, address: null };
  if (any.typeUrl !== ETH_SECP256K1_PUBKEY_TYPE_URL) {
    throw new TxDecodeError('INVALID_PUBKEY', `unsupported public key type ${any.typeUrl}`);
  }
  const key = guardDecode('INVALID_PUBKEY', 'invalid public key', () => ethSecp256k1Keys.PubKey.fromBinary(any.value, STRICT_READ).key);
  if (key.length !== 33) throw new TxDecodeError('INVALID_PUBKEY', `invalid public key length ${key.length}`);
  const address = guardDecode('INVALID_PUBKEY', 'invalid public key', () => injectiveAddressFromPubKey(key));
  return { pubKeyTypeUrl: any.typeUrl, pubKey: key, address };
}

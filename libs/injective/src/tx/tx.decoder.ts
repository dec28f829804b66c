/* eslint-disable @typescript-eslint/no-require-imports -- the proto packages are ESM-only; see loadCodecs() */
import { invert, mod } from '@noble/curves/abstract/modular';
import { secp256k1 } from '@noble/curves/secp256k1';
import { sha256 } from '@noble/hashes/sha2';
import { keccak_256 } from '@noble/hashes/sha3';
import { bytesToHex } from '@noble/hashes/utils';
import { PublicKey } from '@injectivelabs/sdk-ts';

/*
 * Server-side tx codec for the offline chain stand-in (apps/injective-sim): decode TxRaw bytes into
 * plain typed objects, verify the DIRECT-mode ethsecp256k1 signature, and encode the few chain
 * replies that are protobuf (the MsgBatchUpdateOrders response in `tx_response.data`).
 * It is the only place outside the adapter that touches the Injective proto codecs.
 */

type CosmosTxPb = typeof import('@injectivelabs/core-proto-ts-v2/generated/cosmos/tx/v1beta1/tx_pb', {
  with: { 'resolution-mode': 'import' },
});
type AbciPb = typeof import('@injectivelabs/core-proto-ts-v2/generated/cosmos/base/abci/v1beta1/abci_pb', {
  with: { 'resolution-mode': 'import' },
});
type EthSecpPb = typeof import('@injectivelabs/core-proto-ts-v2/generated/injective/crypto/v1beta1/ethsecp256k1/keys_pb', {
  with: { 'resolution-mode': 'import' },
});
type ExchangeV2Pb = typeof import('@injectivelabs/core-proto-ts-v2/generated/injective/exchange/v2/tx_pb', {
  with: { 'resolution-mode': 'import' },
});
type ExchangeV1Pb = typeof import('@injectivelabs/core-proto-ts-v2/generated/injective/exchange/v1beta1/tx_pb', {
  with: { 'resolution-mode': 'import' },
});

interface Codecs {
  tx: CosmosTxPb;
  abci: AbciPb;
  ethSecp: EthSecpPb;
  exV2: ExchangeV2Pb;
  exV1: ExchangeV1Pb;
}

let codecs: Codecs | undefined;

/**
 * The proto codecs are ESM-only packages. CommonJS code may `require()` them on Node >= 20.19
 * (and under jest, which transpiles them), but TypeScript's node16 mode refuses a static import,
 * so they are required lazily and typed through `typeof import(...)`.
 */
function loadCodecs(): Codecs {
  codecs ??= {
    tx: require('@injectivelabs/core-proto-ts-v2/generated/cosmos/tx/v1beta1/tx_pb') as CosmosTxPb,
    abci: require('@injectivelabs/core-proto-ts-v2/generated/cosmos/base/abci/v1beta1/abci_pb') as AbciPb,
    ethSecp: require('@injectivelabs/core-proto-ts-v2/generated/injective/crypto/v1beta1/ethsecp256k1/keys_pb') as EthSecpPb,
    exV2: require('@injectivelabs/core-proto-ts-v2/generated/injective/exchange/v2/tx_pb') as ExchangeV2Pb,
    exV1: require('@injectivelabs/core-proto-ts-v2/generated/injective/exchange/v1beta1/tx_pb') as ExchangeV1Pb,
  };
  return codecs;
}

/** Type URL of the v2 (human-unit) batch message. */
export const MSG_BATCH_UPDATE_ORDERS_V2_TYPE_URL = '/injective.exchange.v2.MsgBatchUpdateOrders';
/** Type URL of the v1beta1 (chain-format) batch message. */
export const MSG_BATCH_UPDATE_ORDERS_V1_TYPE_URL = '/injective.exchange.v1beta1.MsgBatchUpdateOrders';
/** Type URL of Injective's account public key (33-byte compressed secp256k1). */
export const ETH_SECP256K1_PUBKEY_TYPE_URL = '/injective.crypto.v1beta1.ethsecp256k1.PubKey';

const SIGN_MODE_DIRECT = 1;
const LEGACY_DEC_PRECISION = 18;
const STRICT_READ = { readUnknownField: 'throw' } as const;

/** Why a tx could not be decoded. The chain stand-in maps each reason to a chain error code. */
export type TxDecodeErrorReason =
  /** not a TxRaw / TxBody / AuthInfo protobuf (chain: code 2, tx parse error) */
  | 'MALFORMED_TX'
  /** a message's bytes do not decode as its type URL says (chain: code 2) */
  | 'MALFORMED_MESSAGE'
  /** no signature or no signer info (chain: code 15) */
  | 'NO_SIGNATURES'
  /** more than one signer; the stand-in only serves single-signer txs (chain: code 4) */
  | 'MULTIPLE_SIGNERS'
  /** not SIGN_MODE_DIRECT (chain: code 4 for an unsupported mode) */
  | 'UNSUPPORTED_SIGN_MODE'
  /** the signer's public key is not a 33-byte ethsecp256k1 key (chain: code 8) */
  | 'INVALID_PUBKEY';

/**
 * A tx that could not be decoded. `code` is stable; branch on `reason`, never on `message`.
 * The decoder throws nothing else for bad input.
 */
export class TxDecodeError extends Error {
  /** stable error code for callers that handle several error classes */
  readonly code = 'TX_DECODE_ERROR';

  constructor(
    readonly reason: TxDecodeErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TxDecodeError';
  }
}

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

/** An order to create as it appears in the message. */
export interface DecodedOrderToCreate {
  marketId: string;
  subaccountId: string;
  feeRecipient: string;
  /** OrderType number: BUY 1, SELL 2, STOP_BUY 3, STOP_SELL 4, TAKE_BUY 5, TAKE_SELL 6, BUY_PO 7, SELL_PO 8, BUY_ATOMIC 9, SELL_ATOMIC 10 */
  orderType: number;
  /** decimal string: human units for `v2-human`, chain format for `v1-chain` */
  price: string;
  /** decimal string: human units for `v2-human`, chain format for `v1-chain` */
  quantity: string;
  /** derivatives: decimal string in the message's format; spot: null */
  margin: string | null;
  /** decimal string in the message's format ("0" when unset) */
  triggerPrice: string;
  cid: string;
  /** v2 only; "0" when unset */
  expirationBlock: string;
}

/** An order to cancel as it appears in the message. */
export interface DecodedOrderToCancel {
  marketId: string;
  subaccountId: string;
  /** "" when cancelling by cid */
  orderHash: string;
  /** "" when cancelling by hash */
  cid: string;
  orderMask: number;
}

/**
 * A decoded MsgBatchUpdateOrders. Decimal fields are the LegacyDec values as plain decimal
 * strings (the wire's 10^18 scaling already removed): human units when `format` is `v2-human`,
 * chain format (needs the market's decimals to become human) when `format` is `v1-chain`.
 */
export interface DecodedBatchUpdateOrders {
  kind: 'batch-update-orders';
  typeUrl: string;
  format: 'v2-human' | 'v1-chain';
  sender: string;
  /** "" unless a cancel-all list is present */
  subaccountId: string;
  spotMarketIdsToCancelAll: string[];
  derivativeMarketIdsToCancelAll: string[];
  spotOrdersToCancel: DecodedOrderToCancel[];
  derivativeOrdersToCancel: DecodedOrderToCancel[];
  spotOrdersToCreate: DecodedOrderToCreate[];
  derivativeOrdersToCreate: DecodedOrderToCreate[];
  /** names of non-empty parts the stand-in does not model (binary options, market orders) */
  unsupportedParts: string[];
}

/** A message type the decoder does not model. */
export interface DecodedUnsupportedMessage {
  kind: 'unsupported';
  typeUrl: string;
}

/** One message of a decoded tx. */
export type DecodedTxMessage = DecodedBatchUpdateOrders | DecodedUnsupportedMessage;

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
  const { tx } = loadCodecs();
  const raw = guard('MALFORMED_TX', 'tx parse error', () => tx.TxRaw.fromBinary(txBytes, STRICT_READ));
  const body = guard('MALFORMED_TX', 'tx parse error: body', () => tx.TxBody.fromBinary(raw.bodyBytes, STRICT_READ));
  const authInfo = guard('MALFORMED_TX', 'tx parse error: auth info', () =>
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
    messages: body.messages.map((any) => decodeMessage(any.typeUrl, any.value)),
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

/** What a signature is checked against: the chain's own view of the signer. */
export interface SignatureCheckContext {
  /** the verifying chain's id; a tx signed for another chain fails verification */
  chainId: string;
  /** the signer's account number from chain state */
  accountNumber: bigint | number;
  /** the key to verify with when the tx carries none (the account's stored key) */
  storedPubKey?: Uint8Array | null;
}

/**
 * Verifies the DIRECT-mode signature: secp256k1 over keccak256(SignDoc{body, authInfo, chainId,
 * accountNumber}). The sequence is covered through `authInfoBytes`. Returns false (never throws)
 * for a bad signature, a missing key or a signature of the wrong shape.
 */
export function verifyTxSignature(tx: DecodedTx, ctx: SignatureCheckContext): boolean {
  const pubKey = tx.signer.pubKey ?? ctx.storedPubKey ?? null;
  if (!pubKey) return false;
  // Injective's ethsecp256k1 key accepts r||s||v and drops v.
  const sig = tx.signature.length === 65 ? tx.signature.subarray(0, 64) : tx.signature;
  if (sig.length !== 64) return false;
  const { tx: txPb } = loadCodecs();
  const signDoc = txPb.SignDoc.toBinary({
    bodyBytes: tx.bodyBytes,
    authInfoBytes: tx.authInfoBytes,
    chainId: ctx.chainId,
    accountNumber: BigInt(ctx.accountNumber),
  });
  try {
    return verifyDigest(sig, keccak_256(signDoc), pubKeyPoint(pubKey));
  } catch {
    // noble throws for keys that are not curve points and out-of-range r or s: a failed verification
    return false;
  }
}

type CurvePoint = ReturnType<typeof secp256k1.ProjectivePoint.fromHex>;

/** Decoded public keys with precomputed multiples, newest last; a signer's key is reused across its txs. */
const pointCache = new Map<string, CurvePoint>();
const POINT_CACHE_SIZE = 512;
const POINT_WINDOW = 4;
const CURVE_N = secp256k1.CURVE.n;
const HALF_N = CURVE_N >> 1n;

function pubKeyPoint(pubKey: Uint8Array): CurvePoint {
  const hex = bytesToHex(pubKey);
  const cached = pointCache.get(hex);
  if (cached) {
    pointCache.delete(hex);
    pointCache.set(hex, cached);
    return cached;
  }
  const point = secp256k1.ProjectivePoint.fromHex(hex);
  point.assertValidity();
  point.precompute(POINT_WINDOW, false);
  pointCache.set(hex, point);
  if (pointCache.size > POINT_CACHE_SIZE) pointCache.delete(pointCache.keys().next().value!);
  return point;
}

/**
 * ECDSA verification of a 32-byte digest against a cached key point: what
 * `secp256k1.verify(sig, digest, pubKey)` computes (low-S only, as the chain), about 3× faster
 * for a repeated signer because the key's decompression and multiples are kept.
 */
function verifyDigest(sig: Uint8Array, digest: Uint8Array, point: CurvePoint): boolean {
  const { r, s } = secp256k1.Signature.fromCompact(sig);
  if (r <= 0n || r >= CURVE_N || s <= 0n || s > HALF_N) return false;
  const e = mod(BigInt(`0x${bytesToHex(digest)}`), CURVE_N);
  const w = invert(s, CURVE_N);
  const R = secp256k1.ProjectivePoint.BASE.multiplyUnsafe(mod(e * w, CURVE_N)).add(point.multiplyUnsafe(mod(r * w, CURVE_N)));
  if (R.equals(secp256k1.ProjectivePoint.ZERO)) return false;
  return mod(R.toAffine().x, CURVE_N) === r;
}

/**
 * Decodes and verifies in one call: the shape a chain's CheckTx needs. The account number comes
 * from the caller's state, looked up by the pubkey-derived address (null = unknown account).
 */
export function decodeAndVerifyTx(
  txBytes: Uint8Array,
  opts: { chainId: string; accountNumberOf(address: string): bigint | number | null },
): { tx: DecodedTx; signatureValid: boolean } {
  const tx = decodeTx(txBytes);
  const accountNumber = tx.signer.address ? opts.accountNumberOf(tx.signer.address) : null;
  const signatureValid = accountNumber !== null && verifyTxSignature(tx, { chainId: opts.chainId, accountNumber });
  return { tx, signatureValid };
}

/** bech32 `inj1…` address of a 33-byte compressed (or 65-byte uncompressed) secp256k1 key. */
export function injectiveAddressFromPubKey(pubKey: Uint8Array): string {
  return PublicKey.fromBytes(pubKey).toAddress().toBech32();
}

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
  const { abci, exV2, exV1 } = loadCodecs();
  const msgResponses = responses.map(({ typeUrl, fields }) => {
    const value =
      typeUrl === MSG_BATCH_UPDATE_ORDERS_V1_TYPE_URL
        ? exV1.MsgBatchUpdateOrdersResponse.toBinary(exV1.MsgBatchUpdateOrdersResponse.create(fields))
        : exV2.MsgBatchUpdateOrdersResponse.toBinary(exV2.MsgBatchUpdateOrdersResponse.create(fields));
    return { typeUrl: `${typeUrl}Response`, value };
  });
  return bytesToHex(abci.TxMsgData.toBinary(abci.TxMsgData.create({ msgResponses }))).toUpperCase();
}

/**
 * Decodes `tx_response.data` (hex TxMsgData) back into batch responses: the inverse of
 * `encodeBatchUpdateOrdersTxData`, for tests and tools. Throws `TxDecodeError` for bad input.
 */
export function decodeBatchUpdateOrdersTxData(
  dataHex: string,
): { typeUrl: string; fields: BatchUpdateOrdersResponseFields }[] {
  const { abci, exV2, exV1 } = loadCodecs();
  const data = guard('MALFORMED_TX', 'malformed tx data', () => abci.TxMsgData.fromBinary(hexToBytes(dataHex)));
  return data.msgResponses.map((any) => {
    const codec =
      any.typeUrl === `${MSG_BATCH_UPDATE_ORDERS_V1_TYPE_URL}Response` ? exV1.MsgBatchUpdateOrdersResponse : exV2.MsgBatchUpdateOrdersResponse;
    const r = guard('MALFORMED_MESSAGE', `malformed ${any.typeUrl}`, () => codec.fromBinary(any.value));
    return {
      typeUrl: any.typeUrl,
      fields: {
        spotCancelSuccess: r.spotCancelSuccess,
        derivativeCancelSuccess: r.derivativeCancelSuccess,
        spotOrderHashes: r.spotOrderHashes,
        derivativeOrderHashes: r.derivativeOrderHashes,
        createdSpotOrdersCids: r.createdSpotOrdersCids,
        failedSpotOrdersCids: r.failedSpotOrdersCids,
        createdDerivativeOrdersCids: r.createdDerivativeOrdersCids,
        failedDerivativeOrdersCids: r.failedDerivativeOrdersCids,
      },
    };
  });
}

/**
 * The tx as the LCD prints it under `"tx"` (`cosmos.tx.v1beta1.Tx` in proto JSON with snake_case
 * field names, default values included and `@type` on Any values). Returns null for bytes that do
 * not decode.
 */
export function txBytesToJson(txBytes: Uint8Array): unknown {
  const { tx, ethSecp, exV2, exV1 } = loadCodecs();
  try {
    const raw = tx.TxRaw.fromBinary(txBytes);
    const full = tx.Tx.create({
      body: tx.TxBody.fromBinary(raw.bodyBytes),
      authInfo: tx.AuthInfo.fromBinary(raw.authInfoBytes),
      signatures: raw.signatures,
    });
    return {
      '@type': '/cosmos.tx.v1beta1.Tx',
      ...(tx.Tx.toJson(full, {
        useProtoFieldName: true,
        emitDefaultValues: true,
        typeRegistry: [ethSecp.PubKey, exV2.MsgBatchUpdateOrders, exV1.MsgBatchUpdateOrders].flatMap(withSlashName),
      }) as object),
    };
  } catch {
    // a tx with a message type outside the registry has no JSON form here; the LCD field is optional
    return null;
  }
}

/**
 * protobuf-ts resolves an Any's type by the text after the URL's host, which for Cosmos's host-less
 * URLs (`/injective.…`) keeps the leading slash: register each type under both names.
 */
function withSlashName<T extends { typeName: string }>(type: T): T[] {
  return [type, Object.create(type, { typeName: { value: `/${type.typeName}` } }) as T];
}

function decodeSignerKey(any: { typeUrl: string; value: Uint8Array } | undefined): Omit<DecodedSigner, 'sequence' | 'signMode'> {
  if (!any) return { pubKeyTypeUrl: null, pubKey: null, address: null };
  if (any.typeUrl !== ETH_SECP256K1_PUBKEY_TYPE_URL) {
    throw new TxDecodeError('INVALID_PUBKEY', `unsupported public key type ${any.typeUrl}`);
  }
  const { ethSecp } = loadCodecs();
  const key = guard('INVALID_PUBKEY', 'invalid public key', () => ethSecp.PubKey.fromBinary(any.value, STRICT_READ).key);
  if (key.length !== 33) throw new TxDecodeError('INVALID_PUBKEY', `invalid public key length ${key.length}`);
  const address = guard('INVALID_PUBKEY', 'invalid public key', () => injectiveAddressFromPubKey(key));
  return { pubKeyTypeUrl: any.typeUrl, pubKey: key, address };
}

function decodeMessage(typeUrl: string, value: Uint8Array): DecodedTxMessage {
  const { exV2, exV1 } = loadCodecs();
  if (typeUrl === MSG_BATCH_UPDATE_ORDERS_V2_TYPE_URL) {
    const m = guard('MALFORMED_MESSAGE', `malformed ${typeUrl}`, () => exV2.MsgBatchUpdateOrders.fromBinary(value));
    return guard('MALFORMED_MESSAGE', `malformed ${typeUrl}`, () => ({
      ...batchCommon(typeUrl, 'v2-human', m),
      unsupportedParts: nonEmpty({
        binaryOptionsOrdersToCancel: m.binaryOptionsOrdersToCancel,
        binaryOptionsMarketIdsToCancelAll: m.binaryOptionsMarketIdsToCancelAll,
        binaryOptionsOrdersToCreate: m.binaryOptionsOrdersToCreate,
        spotMarketOrdersToCreate: m.spotMarketOrdersToCreate,
        derivativeMarketOrdersToCreate: m.derivativeMarketOrdersToCreate,
        binaryOptionsMarketOrdersToCreate: m.binaryOptionsMarketOrdersToCreate,
      }),
    }));
  }
  if (typeUrl === MSG_BATCH_UPDATE_ORDERS_V1_TYPE_URL) {
    const m = guard('MALFORMED_MESSAGE', `malformed ${typeUrl}`, () => exV1.MsgBatchUpdateOrders.fromBinary(value));
    return guard('MALFORMED_MESSAGE', `malformed ${typeUrl}`, () => ({
      ...batchCommon(typeUrl, 'v1-chain', m),
      unsupportedParts: nonEmpty({
        binaryOptionsOrdersToCancel: m.binaryOptionsOrdersToCancel,
        binaryOptionsMarketIdsToCancelAll: m.binaryOptionsMarketIdsToCancelAll,
        binaryOptionsOrdersToCreate: m.binaryOptionsOrdersToCreate,
      }),
    }));
  }
  return { kind: 'unsupported', typeUrl };
}

interface ProtoOrderInfo {
  subaccountId: string;
  feeRecipient: string;
  price: string;
  quantity: string;
  cid: string;
}
interface ProtoOrder {
  marketId: string;
  orderInfo?: ProtoOrderInfo;
  orderType: number;
  triggerPrice: string;
  margin?: string;
  expirationBlock?: bigint;
}
interface ProtoOrderData {
  marketId: string;
  subaccountId: string;
  orderHash: string;
  orderMask: number;
  cid: string;
}
interface ProtoBatch {
  sender: string;
  subaccountId: string;
  spotMarketIdsToCancelAll: string[];
  derivativeMarketIdsToCancelAll: string[];
  spotOrdersToCancel: ProtoOrderData[];
  derivativeOrdersToCancel: ProtoOrderData[];
  spotOrdersToCreate: ProtoOrder[];
  derivativeOrdersToCreate: ProtoOrder[];
}

function batchCommon(
  typeUrl: string,
  format: DecodedBatchUpdateOrders['format'],
  m: ProtoBatch,
): Omit<DecodedBatchUpdateOrders, 'unsupportedParts'> {
  return {
    kind: 'batch-update-orders',
    typeUrl,
    format,
    sender: m.sender,
    subaccountId: m.subaccountId,
    spotMarketIdsToCancelAll: [...m.spotMarketIdsToCancelAll],
    derivativeMarketIdsToCancelAll: [...m.derivativeMarketIdsToCancelAll],
    spotOrdersToCancel: m.spotOrdersToCancel.map(toCancel),
    derivativeOrdersToCancel: m.derivativeOrdersToCancel.map(toCancel),
    spotOrdersToCreate: m.spotOrdersToCreate.map((o) => toCreate(o, false)),
    derivativeOrdersToCreate: m.derivativeOrdersToCreate.map((o) => toCreate(o, true)),
  };
}

function toCancel(o: ProtoOrderData): DecodedOrderToCancel {
  return { marketId: o.marketId, subaccountId: o.subaccountId, orderHash: o.orderHash, cid: o.cid, orderMask: o.orderMask };
}

function toCreate(o: ProtoOrder, derivative: boolean): DecodedOrderToCreate {
  const info = o.orderInfo;
  if (!info) throw new TxDecodeError('MALFORMED_MESSAGE', `order on market ${o.marketId} has no order info`);
  return {
    marketId: o.marketId,
    subaccountId: info.subaccountId,
    feeRecipient: info.feeRecipient,
    orderType: o.orderType,
    price: fromLegacyDec(info.price),
    quantity: fromLegacyDec(info.quantity),
    margin: derivative ? fromLegacyDec(o.margin ?? '') : null,
    triggerPrice: fromLegacyDec(o.triggerPrice),
    cid: info.cid,
    expirationBlock: String(o.expirationBlock ?? 0n),
  };
}

/**
 * A LegacyDec's wire form is its value × 10^18 as an integer string; returns the plain decimal
 * (`"12345000000000000000"` → `"12.345"`, `""` → `"0"`).
 * @internal exported for tests
 */
export function fromLegacyDec(wire: string): string {
  if (wire === '') return '0';
  const match = /^(-?)(\d+)$/.exec(wire);
  if (!match) throw new TxDecodeError('MALFORMED_MESSAGE', `invalid decimal ${JSON.stringify(wire.slice(0, 40))}`);
  const [, sign, digits] = match as unknown as [string, string, string];
  const padded = digits.padStart(LEGACY_DEC_PRECISION + 1, '0');
  const int = padded.slice(0, -LEGACY_DEC_PRECISION).replace(/^0+(?=\d)/, '');
  const frac = padded.slice(-LEGACY_DEC_PRECISION).replace(/0+$/, '');
  const text = frac ? `${int}.${frac}` : int;
  return sign && text !== '0' ? `-${text}` : text;
}

function nonEmpty(parts: Record<string, readonly unknown[]>): string[] {
  return Object.entries(parts)
    .filter(([, list]) => list.length > 0)
    .map(([name]) => name);
}

function hexToBytes(hex: string): Uint8Array {
  if (!/^([0-9a-fA-F]{2})*$/.test(hex)) throw new TxDecodeError('MALFORMED_TX', 'data is not hex');
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

function guard<T>(reason: TxDecodeErrorReason, message: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof TxDecodeError) throw e;
    const detail = e instanceof Error ? e.message : String(e);
    throw new TxDecodeError(reason, `${message}: ${detail}`, { cause: e });
  }
}

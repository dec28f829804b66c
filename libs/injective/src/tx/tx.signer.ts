import type Decimal from 'decimal.js';
import type { Msgs } from '@injectivelabs/sdk-ts/core/modules';
import { createAuthInfo, createBody, createFee, createSignDoc, createSigners, SIGN_DIRECT } from '@injectivelabs/sdk-ts/core/tx';
import { Dec } from '@mirrorbook/market';
import { sha256 } from '@noble/hashes/sha2';
import { assertSigningAllowed } from '../network/signing.guard';
import { cosmosTxProto } from '../proto/cosmos-tx.proto';
import type { Wallet } from '../wallet/wallet.model';

/** What to sign. The caller owns the sequence: the adapter keeps none. */
export interface SignTxInput {
  /** e.g. the result of `buildBatchUpdateOrdersMsg` */
  readonly msg: Msgs;
  readonly wallet: Wallet;
  readonly chainId: string;
  readonly accountNumber: number;
  /** the sequence this tx consumes */
  readonly sequence: number;
  /** last block height at which the tx may be included (latest + N) */
  readonly timeoutHeight: number;
  /** gas limit, e.g. `estimateGas(input).gas` */
  readonly gas: number;
  /** fee per gas unit in base units of `feeDenom`, e.g. `"160000000"` */
  readonly gasPrice: string | Decimal;
  /** default `inj` */
  readonly feeDenom?: string;
  readonly memo?: string;
  /** must be true to sign for mainnet (`injective-1`); see `assertSigningAllowed` */
  readonly allowMainnetTrading?: boolean;
}

/** A signed tx ready for `broadcastTx`. */
export interface SignedTx {
  /** base64 of the TxRaw bytes: the `tx_bytes` of `POST /cosmos/tx/v1beta1/txs` */
  readonly txBytesBase64: string;
  /** upper-case hex sha256 of the tx bytes: the hash the chain will report */
  readonly txHash: string;
  /** fee paid, base units of the fee denom, integer decimal string */
  readonly feeAmount: string;
}

/**
 * Builds the tx (sign mode DIRECT, eth_secp256k1 public key), signs it with the wallet and
 * returns its bytes and hash. Refuses mainnet unless `allowMainnetTrading` is true. The fee is
 * gas × gasPrice, rounded up to a whole base unit.
 */
export function signTx(input: SignTxInput): SignedTx {
  return txSigner(input)(input.gas);
}

/**
 * `signTx` for one message, sequence and timeout at any gas limit: the estimate signs a draft to
 * learn the tx's size, then the tx at the gas it needs (and a simulation a third time). The body —
 * the message, a hundred orders' worth of encoding — is built once and only the fee part again
 * (the SDK's `createTransaction` builds both each time, and hashes the sign bytes for a signer that
 * hashes them itself). Same bytes as `createTransaction` (tx.signer.golden.spec).
 */
export function txSigner(input: Omit<SignTxInput, 'gas'>): (gas: number) => SignedTx {
  assertSigningAllowed(input.chainId, input.allowMainnetTrading === true);
  nonNegativeInteger(input.accountNumber, 'accountNumber');
  nonNegativeInteger(input.sequence, 'sequence');
  nonNegativeInteger(input.timeoutHeight, 'timeoutHeight');
  const gasPrice = new Dec(input.gasPrice);
  if (!gasPrice.isFinite() || gasPrice.lte(0)) throw new RangeError('gasPrice must be greater than zero');
  const { TxBody, AuthInfo, SignDoc, TxRaw } = cosmosTxProto;
  const bodyBytes = TxBody.toBinary(createBody({ message: input.msg, memo: input.memo ?? '', timeoutHeight: input.timeoutHeight }));
  const signerInfo = createSigners({
    chainId: input.chainId,
    mode: SIGN_DIRECT,
    signers: [{ pubKey: input.wallet.publicKeyBase64, sequence: input.sequence }],
  });
  return (gas) => {
    nonNegativeInteger(gas, 'gas');
    const feeAmount = gasPrice.mul(gas).ceil().toFixed();
    const fee = createFee({ fee: { denom: input.feeDenom ?? 'inj', amount: feeAmount }, gasLimit: gas });
    const authInfoBytes = AuthInfo.toBinary(createAuthInfo({ signerInfo, fee }));
    const signBytes = SignDoc.toBinary(createSignDoc({ chainId: input.chainId, bodyBytes, authInfoBytes, accountNumber: input.accountNumber }));
    const txBytes = Buffer.from(TxRaw.toBinary({ bodyBytes, authInfoBytes, signatures: [input.wallet.sign(signBytes)] }));
    const txHash = Buffer.from(sha256(txBytes)).toString('hex').toUpperCase();
    return { txBytesBase64: txBytes.toString('base64'), txHash, feeAmount };
  };
}

function nonNegativeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`);
}

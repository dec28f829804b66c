import type Decimal from 'decimal.js';
import type { Msgs } from '@injectivelabs/sdk-ts/core/modules';
import { createTransaction, TxClient } from '@injectivelabs/sdk-ts/core/tx';
import { Dec } from '@mirrorbook/market';
import { sha256 } from '@noble/hashes/sha2';
import { assertSigningAllowed } from '../network/signing.guard';
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
  assertSigningAllowed(input.chainId, input.allowMainnetTrading === true);
  nonNegativeInteger(input.accountNumber, 'accountNumber');
  nonNegativeInteger(input.sequence, 'sequence');
  nonNegativeInteger(input.timeoutHeight, 'timeoutHeight');
  nonNegativeInteger(input.gas, 'gas');
  const gasPrice = new Dec(input.gasPrice);
  if (!gasPrice.isFinite() || gasPrice.lte(0)) throw new RangeError('gasPrice must be greater than zero');
  const feeAmount = gasPrice.mul(input.gas).ceil().toFixed();

  const { txRaw, signBytes } = createTransaction({
    message: input.msg,
    memo: input.memo ?? '',
    chainId: input.chainId,
    fee: { amount: [{ denom: input.feeDenom ?? 'inj', amount: feeAmount }], gas: String(input.gas) },
    pubKey: input.wallet.publicKeyBase64,
    accountNumber: input.accountNumber,
    sequence: input.sequence,
    timeoutHeight: input.timeoutHeight,
  });
  txRaw.signatures = [input.wallet.sign(signBytes)];
  const txBytesBase64 = TxClient.encode(txRaw);
  const txHash = Buffer.from(sha256(Buffer.from(txBytesBase64, 'base64'))).toString('hex').toUpperCase();
  return { txBytesBase64, txHash, feeAmount };
}

function nonNegativeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`);
}

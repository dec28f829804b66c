import { type BatchUpdateOrdersInput, type Wallet } from '@mirrorbook/injective';
import { buildBatchUpdateOrdersMsg, signTx, walletFromPrivateKey } from '@mirrorbook/injective/signing';
import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from '@mirrorbook/testing';

/** Test support: throwaway keys (never funded anywhere real). */
export const TEST_KEYS = {
  alice: `0x${'11'.repeat(32)}`,
  bob: `0x${'22'.repeat(32)}`,
  carol: `0x${'33'.repeat(32)}`,
} as const;

/** Test support: a wallet for a throwaway key. */
export function testWallet(name: keyof typeof TEST_KEYS): Wallet {
  return walletFromPrivateKey(TEST_KEYS[name]);
}

/** What to sign besides the orders. */
export interface SignOptions {
  chainId?: string;
  accountNumber: number;
  sequence: number;
  timeoutHeight?: number;
  gas?: number;
  gasPrice?: string;
  /** fee denom; default `inj` */
  feeDenom?: string;
  /** sign with this wallet instead of the sender's (forgery) */
  signer?: Wallet;
}

/**
 * Test support: a signed MsgBatchUpdateOrders tx (v2, human units) from `wallet`, built and
 * signed with the adapter's own functions. Returns base64 bytes and the hash.
 */
export function signedBatchTx(
  wallet: Wallet,
  orders: Omit<BatchUpdateOrdersInput, 'injectiveAddress' | 'subaccountId'>,
  opts: SignOptions,
): { txBytesBase64: string; txHash: string } {
  const msg = buildBatchUpdateOrdersMsg({ injectiveAddress: wallet.injAddress, subaccountId: wallet.subaccountId, ...orders });
  const signer = opts.signer ? { ...wallet, sign: opts.signer.sign } : wallet;
  return signTx({
    msg,
    wallet: signer,
    chainId: opts.chainId ?? 'injective-sim-1',
    accountNumber: opts.accountNumber,
    sequence: opts.sequence,
    timeoutHeight: opts.timeoutHeight ?? 1_000_000,
    gas: opts.gas ?? 2_000_000,
    gasPrice: opts.gasPrice ?? '160000000',
    feeDenom: opts.feeDenom,
  });
}

/** Test support: one post-only spot buy of `quantity` at `price` on testnet INJ/USDT. */
export function spotBuy(cid: string, price = '10.001', quantity = '1'): NonNullable<BatchUpdateOrdersInput['spotCreates']>[number] {
  return { market: injUsdtMarkets().spot, side: 'buy', postOnly: true, price: new Dec(price), quantity: new Dec(quantity), cid };
}

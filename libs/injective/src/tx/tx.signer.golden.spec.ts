import { PrivateKey, TxClient, createTransaction } from '@injectivelabs/sdk-ts';
import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from '@mirrorbook/testing';
import { walletFromPrivateKey } from '../wallet/wallet.factory';
import { buildBatchUpdateOrdersMsg } from './batch-update-orders.builder';
import { signTx } from './tx.signer';

const { spot: SPOT_INJ_USDT, perp: PERP_INJ_USDT } = injUsdtMarkets();

// The golden vector: a fixed key, account, sequence, chain, timeout and batch.
const KEY_HEX = `0x${'11'.repeat(32)}`;
const VECTOR = { chainId: 'injective-888', accountNumber: 42, sequence: 7, timeoutHeight: 123_456, gas: 400_000, gasPrice: '160000000' } as const;
// sha256 of the tx bytes the SDK builds for the vector (createTransaction + PrivateKey.sign +
// TxClient.hash): a change here means the SDK or our signer changed what goes on the wire
const GOLDEN_HASH = 'C2E611D76A9F78AFDE592538C2CF9A38B4A938964147FF1F2961AAC70B9037EC';

function vectorMsg() {
  const wallet = walletFromPrivateKey(KEY_HEX);
  return buildBatchUpdateOrdersMsg({
    injectiveAddress: wallet.injAddress,
    subaccountId: wallet.subaccountId,
    spotCreates: [
      { market: SPOT_INJ_USDT, side: 'buy', postOnly: true, price: new Dec('24.987'), quantity: new Dec('1.5'), cid: 'golden-b' },
      { market: SPOT_INJ_USDT, side: 'sell', postOnly: true, price: new Dec('25.013'), quantity: new Dec('2.25'), cid: 'golden-s' },
    ],
    derivativeCreates: [
      { market: PERP_INJ_USDT, side: 'buy', postOnly: true, price: new Dec('24.9'), quantity: new Dec('3'), leverage: new Dec(2), cid: 'golden-p' },
    ],
    spotCancels: [{ marketId: SPOT_INJ_USDT.id, orderHash: `0x${'ab'.repeat(32)}` }],
  });
}

/** The same tx, built and signed the way the SDK's own clients do. */
function sdkSigned(): { txBytesBase64: string; txHash: string } {
  const key = PrivateKey.fromHex(KEY_HEX);
  const { txRaw, signBytes } = createTransaction({
    message: vectorMsg(),
    memo: '',
    chainId: VECTOR.chainId,
    fee: { amount: [{ denom: 'inj', amount: new Dec(VECTOR.gasPrice).mul(VECTOR.gas).toFixed() }], gas: String(VECTOR.gas) },
    pubKey: key.toPublicKey().toBase64(),
    accountNumber: VECTOR.accountNumber,
    sequence: VECTOR.sequence,
    timeoutHeight: VECTOR.timeoutHeight,
  });
  txRaw.signatures = [key.sign(Buffer.from(signBytes))];
  return { txBytesBase64: TxClient.encode(txRaw), txHash: TxClient.hash(txRaw) };
}

describe('signTx golden vector', () => {
  const ours = signTx({ msg: vectorMsg(), wallet: walletFromPrivateKey(KEY_HEX), ...VECTOR });
  const sdk = sdkSigned();

  it('is byte-identical to the tx the SDK builds and signs with PrivateKey.sign', () => {
    expect(ours.txBytesBase64).toBe(sdk.txBytesBase64);
  });

  it('has the hash TxClient.hash gives', () => {
    expect(ours.txHash).toBe(sdk.txHash.toUpperCase());
  });

  it('still hashes to the recorded golden hash', () => {
    expect(ours.txHash).toBe(GOLDEN_HASH);
  });
});

import { createHash } from 'node:crypto';
import { getTransactionPartsFromTxRaw, PrivateKey } from '@injectivelabs/sdk-ts';
import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from '@mirrorbook/testing';
import { secp256k1 } from '@noble/curves/secp256k1';
import { keccak_256 } from '@noble/hashes/sha3';
import { MainnetTradingRefusedError } from '../errors/mainnet-trading-refused.error';
import { cosmosTxProto } from '../proto/cosmos-tx.proto';
import { walletFromPrivateKey } from '../wallet/wallet.factory';
import { buildBatchUpdateOrdersMsg } from './batch-update-orders.builder';
import { signTx, txSigner, type SignTxInput } from './tx.signer';

const { spot: SPOT_INJ_USDT } = injUsdtMarkets();

const KEY = '0x' + '11'.repeat(32);
const wallet = walletFromPrivateKey(KEY);
const msg = buildBatchUpdateOrdersMsg({
  injectiveAddress: wallet.injAddress,
  subaccountId: wallet.subaccountId,
  spotCreates: [{ market: SPOT_INJ_USDT, side: 'buy', postOnly: true, price: new Dec('12.345'), quantity: new Dec('1.5'), cid: 'mm-1' }],
});
const input: SignTxInput = {
  msg,
  wallet,
  chainId: 'injective-888',
  accountNumber: 12345,
  sequence: 7,
  timeoutHeight: 1_000_000,
  gas: 400_000,
  gasPrice: '160000000',
  memo: 'mirrorbook',
};

function decode(txBytesBase64: string) {
  const raw = cosmosTxProto.TxRaw.fromBinary(Buffer.from(txBytesBase64, 'base64'));
  return { raw, ...getTransactionPartsFromTxRaw(raw) };
}

describe('signTx', () => {
  describe('when signing for testnet', () => {
    const signed = signTx(input);
    const { raw, body, authInfo, signatures } = decode(signed.txBytesBase64);

    it('produces a signature that verifies over keccak256 of the SignDoc', () => {
      const signDoc = cosmosTxProto.SignDoc.toBinary(
        cosmosTxProto.SignDoc.create({
          bodyBytes: raw.bodyBytes,
          authInfoBytes: raw.authInfoBytes,
          chainId: 'injective-888',
          accountNumber: 12345n,
        }),
      );
      const publicKey = Buffer.from(wallet.publicKeyBase64, 'base64');
      expect(secp256k1.verify(signatures[0]!, keccak_256(signDoc), publicKey)).toBe(true);
      expect(
        PrivateKey.verifyArbitrarySignature({
          signature: Buffer.from(signatures[0]!).toString('hex'),
          signDoc,
          publicKey: publicKey.toString('hex'),
        }),
      ).toBe(true);
    });

    it('does not verify for another account number or chain id', () => {
      const publicKey = Buffer.from(wallet.publicKeyBase64, 'base64');
      for (const [chainId, accountNumber] of [['injective-888', 12346n], ['injective-1', 12345n]] as const) {
        const signDoc = cosmosTxProto.SignDoc.toBinary(
          cosmosTxProto.SignDoc.create({ bodyBytes: raw.bodyBytes, authInfoBytes: raw.authInfoBytes, chainId, accountNumber }),
        );
        expect(secp256k1.verify(signatures[0]!, keccak_256(signDoc), publicKey)).toBe(false);
      }
    });

    it('hashes the tx bytes as the chain does: upper-case hex sha256', () => {
      const expected = createHash('sha256').update(Buffer.from(signed.txBytesBase64, 'base64')).digest('hex').toUpperCase();
      expect(signed.txHash).toBe(expected);
    });

    it('signs with the eth_secp256k1 key, the caller sequence and gas, and fee = gas × price', () => {
      const signer = authInfo.signerInfos[0]!;
      expect(signer.publicKey?.typeUrl).toBe('/injective.crypto.v1beta1.ethsecp256k1.PubKey');
      expect(signer.sequence).toBe(7n);
      expect(authInfo.fee?.gasLimit).toBe(400000n);
      expect(authInfo.fee?.amount).toEqual([{ denom: 'inj', amount: '64000000000000' }]);
      expect(signed.feeAmount).toBe('64000000000000');
    });

    it('sets the timeout height and memo', () => {
      expect(body.timeoutHeight).toBe(1000000n);
      expect(body.memo).toBe('mirrorbook');
    });
  });

  describe('when the gas price has a fraction', () => {
    it('rounds the fee up to a whole base unit', () => {
      expect(signTx({ ...input, gas: 3, gasPrice: new Dec('0.5') }).feeAmount).toBe('2');
    });
  });

  describe('when signing the same input twice', () => {
    it('gives the same bytes (deterministic signature)', () => {
      expect(signTx(input).txBytesBase64).toBe(signTx(input).txBytesBase64);
    });
  });

  describe('when the chain is mainnet', () => {
    it('refuses unless mainnet trading is allowed', () => {
      expect(() => signTx({ ...input, chainId: 'injective-1' })).toThrow(MainnetTradingRefusedError);
      expect(signTx({ ...input, chainId: 'injective-1', allowMainnetTrading: true }).txHash).toMatch(/^[0-9A-F]{64}$/);
    });
  });

  describe('when a counter is not a non-negative integer', () => {
    it.each([
      ['sequence', { sequence: -1 }],
      ['accountNumber', { accountNumber: 1.5 }],
      ['gas', { gas: Number.NaN }],
    ])('refuses %s', (_name, bad) => {
      expect(() => signTx({ ...input, ...bad })).toThrow(RangeError);
    });
  });
});

describe('txSigner', () => {
  it('signs the message at each gas exactly as signTx does, the body built once for all of them', () => {
    const { gas: _gas, ...rest } = input;
    const sign = txSigner(rest);
    for (const gas of [30_000_000, 400_000, 123_457]) expect(sign(gas)).toEqual(signTx({ ...input, gas }));
  });

  it('refuses mainnet before it builds anything', () => {
    const { gas: _gas, ...rest } = input;
    expect(() => txSigner({ ...rest, chainId: 'injective-1' })).toThrow(MainnetTradingRefusedError);
  });
});

import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from '@mirrorbook/testing';
import { walletFromPrivateKey } from '../wallet/wallet.factory';
import { buildBatchUpdateOrdersMsg } from './batch-update-orders.builder';
import { decodeBatchUpdateOrdersData } from './batch-update-orders-response.codec';
import { signTx } from './tx.signer';
import { encodeBatchUpdateOrdersTxData } from './batch-update-orders-tx-data.codec';
import { decodeAndVerifyTx } from './tx-signature.verifier';

const { spot: SPOT_INJ_USDT, perp: PERP_INJ_USDT } = injUsdtMarkets();

// Contract between the adapter (what the executor signs and reads) and the simulator's codec
// (tx.decoder.ts and its neighbours): the sim must accept our txs and answer in the shape we decode.

const wallet = walletFromPrivateKey('0x' + '22'.repeat(32));
const CHAIN_ID = 'injective-sim-1';

describe('adapter ↔ simulator codec', () => {
  describe('when the sim decodes a tx the adapter signed', () => {
    const signed = signTx({
      msg: buildBatchUpdateOrdersMsg({
        injectiveAddress: wallet.injAddress,
        subaccountId: wallet.subaccountId,
        spotCreates: [{ market: SPOT_INJ_USDT, side: 'sell', postOnly: true, price: new Dec('12.345'), quantity: new Dec('1.5'), cid: 'mm-1' }],
        derivativeCreates: [{ market: PERP_INJ_USDT, side: 'buy', postOnly: false, price: new Dec('25'), quantity: new Dec('2'), leverage: new Dec('5') }],
        spotCancelAll: [SPOT_INJ_USDT.id],
      }),
      wallet,
      chainId: CHAIN_ID,
      accountNumber: 3,
      sequence: 9,
      timeoutHeight: 500,
      gas: 800_000,
      gasPrice: '160000000',
    });
    const { tx, signatureValid } = decodeAndVerifyTx(Buffer.from(signed.txBytesBase64, 'base64'), {
      chainId: CHAIN_ID,
      accountNumberOf: (address) => (address === wallet.injAddress ? 3 : null),
    });

    it('verifies the signature and agrees on the hash and sequence', () => {
      expect(signatureValid).toBe(true);
      expect(tx.hash).toBe(signed.txHash);
      expect(tx.signer.sequence).toBe(9n);
    });

    it('reads the orders in human units', () => {
      const [msg] = tx.messages;
      expect(msg).toMatchObject({ kind: 'batch-update-orders', format: 'v2-human', sender: wallet.injAddress, subaccountId: wallet.subaccountId });
      if (msg?.kind !== 'batch-update-orders') throw new Error('not a batch');
      expect(msg.spotOrdersToCreate[0]).toMatchObject({ orderType: 8, price: '12.345', quantity: '1.5', cid: 'mm-1' });
      expect(msg.derivativeOrdersToCreate[0]).toMatchObject({ orderType: 1, price: '25', quantity: '2', margin: '10' });
      expect(msg.spotMarketIdsToCancelAll).toEqual([SPOT_INJ_USDT.id]);
    });
  });

  describe('when the adapter reads the data the sim encodes', () => {
    it('finds the batch outcome', () => {
      const fields = {
        spotCancelSuccess: [false],
        derivativeCancelSuccess: [],
        spotOrderHashes: ['0x' + '34'.repeat(32)],
        derivativeOrderHashes: [],
        createdSpotOrdersCids: ['mm-1'],
        failedSpotOrdersCids: [],
        createdDerivativeOrdersCids: [],
        failedDerivativeOrdersCids: [],
      };
      const data = encodeBatchUpdateOrdersTxData([{ typeUrl: '/injective.exchange.v2.MsgBatchUpdateOrders', fields }]);
      expect(decodeBatchUpdateOrdersData(data)).toEqual(fields);
    });
  });
});

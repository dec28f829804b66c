import { getTransactionPartsFromTxRaw } from '@injectivelabs/sdk-ts';
import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from '@mirrorbook/testing';
import { InvalidOrderInputError } from '../errors/invalid-order-input.error';
import { cosmosTxProto } from '../proto/cosmos-tx.proto';
import { exchangeV2Tx } from '../proto/exchange-v2-tx.proto';
import { walletFromPrivateKey } from '../wallet/wallet.factory';
import { buildBatchUpdateOrdersMsg } from './batch-update-orders.builder';
import type { BatchUpdateOrdersInput } from './batch-update-orders.input';
import { signTx } from './tx.signer';

const { spot: SPOT_INJ_USDT, perp: PERP_INJ_USDT } = injUsdtMarkets();

const wallet = walletFromPrivateKey('0x' + '11'.repeat(32));
const ORDER_HASH = '0x' + 'ab'.repeat(32);
const base = { injectiveAddress: wallet.injAddress, subaccountId: wallet.subaccountId };

/** Builds, signs and decodes back the msg the chain would receive. */
function onChain(input: BatchUpdateOrdersInput) {
  const { txBytesBase64 } = signTx({
    msg: buildBatchUpdateOrdersMsg(input),
    wallet,
    chainId: 'injective-888',
    accountNumber: 1,
    sequence: 0,
    timeoutHeight: 100,
    gas: 1_000_000,
    gasPrice: '160000000',
  });
  const raw = cosmosTxProto.TxRaw.fromBinary(Buffer.from(txBytesBase64, 'base64'));
  const { body } = getTransactionPartsFromTxRaw(raw);
  const [any] = body.messages;
  expect(any?.typeUrl).toBe('/injective.exchange.v2.MsgBatchUpdateOrders');
  return exchangeV2Tx.MsgBatchUpdateOrders.fromBinary(any!.value);
}

/** A LegacyDec on the wire (value × 10^18, integer string) back to a human decimal string. */
function human(wire: string | undefined): string {
  return new Dec(wire ?? 'NaN').div('1e18').toFixed();
}

function inputError(run: () => unknown): InvalidOrderInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidOrderInputError) return error;
    throw error;
  }
  throw new Error('expected an InvalidOrderInputError');
}

describe('buildBatchUpdateOrdersMsg', () => {
  describe('when creating spot orders', () => {
    const msg = onChain({
      ...base,
      spotCreates: [
        { market: SPOT_INJ_USDT, side: 'buy', postOnly: true, price: new Dec('12.345'), quantity: new Dec('1.5'), cid: 'mm-1' },
        { market: SPOT_INJ_USDT, side: 'sell', postOnly: false, price: new Dec('12.4'), quantity: new Dec('0.001'), cid: 'mm-2' },
        { market: SPOT_INJ_USDT, side: 'sell', postOnly: true, price: new Dec('1e-7'), quantity: new Dec('100000') },
        { market: SPOT_INJ_USDT, side: 'buy', postOnly: false, price: new Dec('12'), quantity: new Dec('2') },
      ],
    });

    it('maps side and post-only to BUY_PO 7, SELL 2, SELL_PO 8, BUY 1', () => {
      expect(msg.spotOrdersToCreate.map((o) => o.orderType)).toEqual([7, 2, 8, 1]);
    });

    it('carries the human prices and quantities exactly', () => {
      expect(msg.spotOrdersToCreate.map((o) => [human(o.orderInfo?.price), human(o.orderInfo?.quantity)])).toEqual([
        ['12.345', '1.5'],
        ['12.4', '0.001'],
        ['0.0000001', '100000'],
        ['12', '2'],
      ]);
    });

    it('writes plain decimal strings, never exponent notation', () => {
      for (const order of msg.spotOrdersToCreate) {
        expect(order.orderInfo?.price).toMatch(/^\d+$/);
        expect(order.orderInfo?.quantity).toMatch(/^\d+$/);
      }
      expect(msg.spotOrdersToCreate[2]?.orderInfo?.price).toBe('100000000000');
    });

    it('keeps the cids, the market, the sender and the subaccount of each order', () => {
      expect(msg.sender).toBe(wallet.injAddress);
      expect(msg.spotOrdersToCreate.map((o) => o.orderInfo?.cid)).toEqual(['mm-1', 'mm-2', '', '']);
      for (const order of msg.spotOrdersToCreate) {
        expect(order.marketId).toBe(SPOT_INJ_USDT.id);
        expect(order.orderInfo?.subaccountId).toBe(wallet.subaccountId);
        expect(order.orderInfo?.feeRecipient).toBe(wallet.injAddress);
      }
    });

    it('leaves the subaccount off the message itself (no cancel-all)', () => {
      expect(msg.subaccountId).toBe('');
    });
  });

  describe('when creating derivative orders', () => {
    const msg = onChain({
      ...base,
      derivativeCreates: [
        { market: PERP_INJ_USDT, side: 'buy', postOnly: true, price: new Dec('25'), quantity: new Dec('2'), margin: new Dec('10.5'), cid: 'p-1' },
        { market: PERP_INJ_USDT, side: 'sell', postOnly: true, price: new Dec('25.0001'), quantity: new Dec('1'), leverage: new Dec('3') },
        { market: PERP_INJ_USDT, side: 'sell', postOnly: false, price: new Dec('24'), quantity: new Dec('0.5'), reduceOnly: true },
      ],
    });

    it('uses the given margin', () => {
      expect(human(msg.derivativeOrdersToCreate[0]?.margin)).toBe('10.5');
    });

    it('derives margin from leverage, rounded up to the quote decimals', () => {
      // 25.0001 / 3 = 8.33336666…  → 8.333367 (6 decimals, up)
      expect(human(msg.derivativeOrdersToCreate[1]?.margin)).toBe('8.333367');
    });

    it('gives a reduce-only order zero margin', () => {
      expect(human(msg.derivativeOrdersToCreate[2]?.margin)).toBe('0');
    });

    it('maps order types and prices', () => {
      expect(msg.derivativeOrdersToCreate.map((o) => o.orderType)).toEqual([7, 8, 2]);
      expect(msg.derivativeOrdersToCreate.map((o) => human(o.orderInfo?.price))).toEqual(['25', '25.0001', '24']);
    });
  });

  describe('when cancelling', () => {
    it('cancels by hash or by cid within the subaccount', () => {
      const msg = onChain({
        ...base,
        spotCancels: [{ marketId: SPOT_INJ_USDT.id, orderHash: ORDER_HASH }],
        derivativeCancels: [{ marketId: PERP_INJ_USDT.id, cid: 'p-1' }],
      });
      expect(msg.spotOrdersToCancel).toEqual([
        expect.objectContaining({ marketId: SPOT_INJ_USDT.id, subaccountId: wallet.subaccountId, orderHash: ORDER_HASH, cid: '' }),
      ]);
      expect(msg.derivativeOrdersToCancel).toEqual([
        expect.objectContaining({ marketId: PERP_INJ_USDT.id, subaccountId: wallet.subaccountId, orderHash: '', cid: 'p-1' }),
      ]);
      expect(msg.subaccountId).toBe('');
    });

    it('puts the subaccount on the message only with a cancel-all list', () => {
      const msg = onChain({ ...base, spotCancelAll: [SPOT_INJ_USDT.id], derivativeCancelAll: [PERP_INJ_USDT.id] });
      expect(msg.subaccountId).toBe(wallet.subaccountId);
      expect(msg.spotMarketIdsToCancelAll).toEqual([SPOT_INJ_USDT.id]);
      expect(msg.derivativeMarketIdsToCancelAll).toEqual([PERP_INJ_USDT.id]);
    });
  });

  describe('when the input cannot be sent as written', () => {
    const order = { market: SPOT_INJ_USDT, side: 'buy' as const, postOnly: true, price: new Dec('1'), quantity: new Dec('1') };

    it.each([
      ['a zero price', { ...order, price: new Dec(0) }, 'spotCreates[0].price'],
      ['a negative quantity', { ...order, quantity: new Dec(-1) }, 'spotCreates[0].quantity'],
      ['a NaN price', { ...order, price: new Dec(NaN) }, 'spotCreates[0].price'],
      ['more than 18 decimals', { ...order, price: new Dec('0.0000000000000000001') }, 'spotCreates[0].price'],
      ['a cid longer than 36 characters', { ...order, cid: 'x'.repeat(37) }, 'spotCreates[0].cid'],
      ['a derivative market', { ...order, market: PERP_INJ_USDT }, 'spotCreates[0].market'],
    ])('refuses %s', (_why, spotOrder, field) => {
      expect(inputError(() => buildBatchUpdateOrdersMsg({ ...base, spotCreates: [spotOrder] })).field).toBe(field);
    });

    it.each([
      ['neither margin nor leverage', {}],
      ['both margin and leverage', { margin: new Dec(1), leverage: new Dec(2) }],
      ['margin on a reduce-only order', { reduceOnly: true, margin: new Dec(1) }],
    ])('refuses a derivative order with %s', (_why, extra) => {
      const derivative = { ...order, market: PERP_INJ_USDT, ...extra };
      expect(inputError(() => buildBatchUpdateOrdersMsg({ ...base, derivativeCreates: [derivative] })).field).toBe(
        'derivativeCreates[0].margin',
      );
    });

    it('refuses a zero leverage', () => {
      const derivative = { ...order, market: PERP_INJ_USDT, leverage: new Dec(0) };
      expect(inputError(() => buildBatchUpdateOrdersMsg({ ...base, derivativeCreates: [derivative] })).field).toBe(
        'derivativeCreates[0].leverage',
      );
    });

    it('refuses a cancel with both or neither of hash and cid', () => {
      expect(() =>
        buildBatchUpdateOrdersMsg({ ...base, spotCancels: [{ marketId: SPOT_INJ_USDT.id, orderHash: ORDER_HASH, cid: 'a' }] }),
      ).toThrow(InvalidOrderInputError);
      expect(() => buildBatchUpdateOrdersMsg({ ...base, spotCancels: [{ marketId: SPOT_INJ_USDT.id }] })).toThrow(
        InvalidOrderInputError,
      );
    });

    it('refuses a malformed address, subaccount or market id', () => {
      expect(inputError(() => buildBatchUpdateOrdersMsg({ ...base, injectiveAddress: 'cosmos1abc' })).field).toBe('injectiveAddress');
      expect(inputError(() => buildBatchUpdateOrdersMsg({ ...base, subaccountId: '0x12' })).field).toBe('subaccountId');
      expect(inputError(() => buildBatchUpdateOrdersMsg({ ...base, spotCancelAll: ['INJ/USDT'] })).field).toBe('spotCancelAll[0]');
    });
  });
});

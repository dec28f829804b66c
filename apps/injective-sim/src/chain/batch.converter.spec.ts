import type { DecodedBatchUpdateOrders, DecodedOrderToCreate } from '@mirrorbook/injective/sim-codec';
import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from '@mirrorbook/testing';
import { toSimBatch } from './batch.converter';
import { TxFailure } from './tx.failure';

const { spot, perp } = injUsdtMarkets();
const SENDER_HEX = '19e7e376e7c213b7e7e7e46cc70a5dd086daff2a';
const SUB = `0x${SENDER_HEX}${'0'.repeat(24)}`;
const OTHER_SUB = `0x${'ab'.repeat(20)}${'0'.repeat(24)}`;
const markets = new Map([spot, perp].map((m) => [m.id, m]));
const marketOf = (id: string) => markets.get(id);

function order(overrides: Partial<DecodedOrderToCreate> = {}): DecodedOrderToCreate {
  return {
    marketId: spot.id,
    subaccountId: SUB,
    feeRecipient: 'inj1r8n7xah8cgfm0el8u3kvwzja6zrd4le2krtp7d',
    orderType: 1,
    price: '12.345',
    quantity: '1.5',
    margin: null,
    triggerPrice: '0',
    cid: 'c',
    expirationBlock: '0',
    ...overrides,
  };
}

function msg(overrides: Partial<DecodedBatchUpdateOrders> = {}): DecodedBatchUpdateOrders {
  return {
    kind: 'batch-update-orders',
    typeUrl: '/injective.exchange.v2.MsgBatchUpdateOrders',
    format: 'v2-human',
    sender: 'inj1r8n7xah8cgfm0el8u3kvwzja6zrd4le2krtp7d',
    subaccountId: '',
    spotMarketIdsToCancelAll: [],
    derivativeMarketIdsToCancelAll: [],
    spotOrdersToCancel: [],
    derivativeOrdersToCancel: [],
    spotOrdersToCreate: [order()],
    derivativeOrdersToCreate: [],
    spotMarketOrdersToCreate: [],
    derivativeMarketOrdersToCreate: [],
    unsupportedParts: [],
    ...overrides,
  };
}

function failure(fn: () => unknown): TxFailure {
  try {
    fn();
  } catch (e) {
    if (e instanceof TxFailure) return e;
    throw e;
  }
  throw new Error('expected a TxFailure');
}

describe('toSimBatch', () => {
  describe('for a v2 (human-unit) message', () => {
    it('keeps the values and maps order types to side and post-only', () => {
      const batch = toSimBatch(
        msg({ spotOrdersToCreate: [order({ orderType: 8, cid: 's' })], derivativeOrdersToCreate: [order({ marketId: perp.id, orderType: 1, margin: '0', cid: 'r' })] }),
        SENDER_HEX,
        marketOf,
      );
      expect(batch.subaccountId).toBe(SUB);
      expect(batch.spotOrdersToCreate[0]).toMatchObject({ side: 'sell', postOnly: true, reduceOnly: false, margin: null, cid: 's' });
      expect(batch.spotOrdersToCreate[0]!.price.eq('12.345')).toBe(true);
      expect(batch.derivativeOrdersToCreate[0]).toMatchObject({ side: 'buy', postOnly: false, reduceOnly: true });
    });

    it('reads a subaccount nonce as one of the sender’s subaccounts', () => {
      const batch = toSimBatch(msg({ spotOrdersToCreate: [order({ subaccountId: '1' })] }), SENDER_HEX, marketOf);
      expect(batch.subaccountId).toBe(`0x${SENDER_HEX}${'0'.repeat(23)}1`);
    });

    it('uses the sender’s default subaccount for a cancel-only batch', () => {
      const batch = toSimBatch(
        msg({ spotOrdersToCreate: [], spotOrdersToCancel: [{ marketId: spot.id, subaccountId: SUB, orderHash: '0x01', cid: '', orderMask: 0 }] }),
        SENDER_HEX,
        marketOf,
      );
      expect(batch.subaccountId).toBe(SUB);
      expect(batch.spotOrdersToCancel).toEqual([{ marketId: spot.id, subaccountId: SUB, orderHash: '0x01' }]);
    });
  });

  describe('for a v1beta1 (chain-format) message', () => {
    it('converts spot values with the market decimals', () => {
      const batch = toSimBatch(
        msg({ format: 'v1-chain', spotOrdersToCreate: [order({ price: '0.000000000012345', quantity: '1500000000000000000' })] }),
        SENDER_HEX,
        marketOf,
      );
      expect(batch.spotOrdersToCreate[0]!.price.eq('12.345')).toBe(true);
      expect(batch.spotOrdersToCreate[0]!.quantity.eq('1.5')).toBe(true);
    });

    it('converts derivative price and margin by the quote decimals', () => {
      const batch = toSimBatch(
        msg({
          format: 'v1-chain',
          spotOrdersToCreate: [],
          derivativeOrdersToCreate: [order({ marketId: perp.id, price: '25000500000', quantity: '0.01', margin: '250000000' })],
        }),
        SENDER_HEX,
        marketOf,
      );
      const created = batch.derivativeOrdersToCreate[0]!;
      expect([created.price, created.quantity, created.margin!].map((d) => d.toString())).toEqual(['25000.5', '0.01', '250']);
      expect(created.margin!.eq(new Dec(250))).toBe(true);
    });
  });

  describe('the message rules (refused at CheckTx)', () => {
    it('refuses a subaccount id without a cancel-all list (exchange 58)', () => {
      expect(failure(() => toSimBatch(msg({ subaccountId: SUB }), SENDER_HEX, marketOf))).toMatchObject({ abciCode: 58, codespace: 'exchange' });
    });

    it('refuses a cancel-all list without a subaccount id', () => {
      expect(failure(() => toSimBatch(msg({ spotMarketIdsToCancelAll: [spot.id] }), SENDER_HEX, marketOf)).abciCode).toBe(58);
    });

    it('refuses an empty batch', () => {
      expect(failure(() => toSimBatch(msg({ spotOrdersToCreate: [] }), SENDER_HEX, marketOf)).log).toContain('msg is empty');
    });

    it('refuses a subaccount of another address (exchange 10)', () => {
      const f = failure(() => toSimBatch(msg({ spotOrdersToCreate: [order({ subaccountId: OTHER_SUB })] }), SENDER_HEX, marketOf));
      expect(f).toMatchObject({ abciCode: 10, codespace: 'exchange' });
    });

    it('refuses conditional and atomic order types (exchange 60)', () => {
      expect(failure(() => toSimBatch(msg({ spotOrdersToCreate: [order({ orderType: 3 })] }), SENDER_HEX, marketOf)).abciCode).toBe(60);
    });

    it('refuses parts the sim does not model', () => {
      const f = failure(() => toSimBatch(msg({ unsupportedParts: ['spotMarketOrdersToCreate'] }), SENDER_HEX, marketOf));
      expect(f.log).toContain('spotMarketOrdersToCreate');
    });
  });
});

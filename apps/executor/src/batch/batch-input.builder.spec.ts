import { estimateGas, GAS_PER_ORDER } from '@mirrorbook/injective';
import { Dec } from '@mirrorbook/market';
import { testnetMarket } from '../testing/market.fixture';
import { buildBatchInput, CANCEL_ALL_UNSTORED_ORDERS } from './batch-input.builder';
import type { MergedBatch } from './merged-batch.model';

const markets = { 'inj-usdt': testnetMarket('inj-usdt'), 'inj-usdt-perp': testnetMarket('inj-usdt-perp') };
const ctx = {
  injectiveAddress: 'inj1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq',
  subaccountId: `0x${'0'.repeat(64)}`,
  market: (key: string) => markets[key as keyof typeof markets],
  leverage: () => new Dec(2),
};
const stopBatch: MergedBatch = {
  intentIds: ['stop-b1-1'],
  plannedAt: 0,
  bookSeqs: new Map(),
  markets: [
    { market: 'inj-usdt', cancelAll: true, cancels: [], creates: [] },
    { market: 'inj-usdt-perp', cancelAll: true, cancels: [], creates: [] },
  ],
};

describe('buildBatchInput', () => {
  describe('when a stopped bot cancels all its orders on markets', () => {
    const held: Record<string, number> = { 'inj-usdt': 127, 'inj-usdt-perp': 5 };
    const built = buildBatchInput(stopBatch, { ...ctx, openOrders: (key) => held[key] ?? 0 });
    const cancelAllOrders = (id: string) => built.cancelAllOrders.get(id)!;

    it('budgets each market for the orders stored for it plus CANCEL_ALL_UNSTORED_ORDERS, not the fullest market for all', () => {
      expect(built.cancelAllOrders).toEqual(
        new Map([
          [markets['inj-usdt'].id, 127 + CANCEL_ALL_UNSTORED_ORDERS],
          [markets['inj-usdt-perp'].id, 5 + CANCEL_ALL_UNSTORED_ORDERS],
        ]),
      );
    });

    it('asks for gas for every order the chain will remove (it charges per cancelled order), and no more than the headroom', () => {
      const charged = 127 * GAS_PER_ORDER.spotCancel + 5 * GAS_PER_ORDER.derivativeCancel;
      const gas = estimateGas(built.input, { cancelAllOrders }).gas;
      expect(gas).toBeGreaterThan(charged);
      expect(gas).toBeLessThan(charged + CANCEL_ALL_UNSTORED_ORDERS * (GAS_PER_ORDER.spotCancel + GAS_PER_ORDER.derivativeCancel) + 200_000);
    });
  });

  describe('when no order is stored for a cancel-all market', () => {
    it('still allows for CANCEL_ALL_UNSTORED_ORDERS the store may not have seen', () => {
      expect([...buildBatchInput(stopBatch, ctx).cancelAllOrders.values()]).toEqual([CANCEL_ALL_UNSTORED_ORDERS, CANCEL_ALL_UNSTORED_ORDERS]);
    });
  });

  describe('when the batch cancels no market entirely', () => {
    it('budgets no cancel-all', () => {
      const batch: MergedBatch = { ...stopBatch, markets: [{ market: 'inj-usdt', cancelAll: false, cancels: ['0xab'], creates: [] }] };
      expect(buildBatchInput(batch, ctx).cancelAllOrders.size).toBe(0);
    });
  });
});

import { estimateGas, GAS_PER_ORDER } from '@mirrorbook/injective';
import { Dec } from '@mirrorbook/market';
import { testnetMarket } from '../testing/market.fixture';
import { buildBatchInput } from './batch-input.builder';
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
  describe('when a stopped bot cancels all its orders on markets holding more than the default count', () => {
    const held: Record<string, number> = { 'inj-usdt': 127, 'inj-usdt-perp': 113 };
    const built = buildBatchInput(stopBatch, { ...ctx, openOrders: (key) => held[key] ?? 0 });

    it('asks for gas for every order the chain will remove (it charges per cancelled order)', () => {
      const charged = 127 * GAS_PER_ORDER.spotCancel + 113 * GAS_PER_ORDER.derivativeCancel;
      expect(built.cancelAllOrdersPerMarket).toBe(127);
      expect(estimateGas(built.input, { cancelAllOrdersPerMarket: built.cancelAllOrdersPerMarket }).gas).toBeGreaterThan(charged);
    });
  });

  describe('when the orders held are unknown or few', () => {
    it("keeps libs/injective's default count per cancel-all", () => {
      expect(buildBatchInput(stopBatch, ctx).cancelAllOrdersPerMarket).toBe(20);
      expect(buildBatchInput(stopBatch, { ...ctx, openOrders: () => 3 }).cancelAllOrdersPerMarket).toBe(20);
    });
  });
});

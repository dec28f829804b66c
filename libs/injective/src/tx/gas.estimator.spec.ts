import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from '@mirrorbook/testing';
import type { BatchUpdateOrdersInput, SpotOrderCreate } from './batch-update-orders.input';
import { ANTE_OVERHEAD_GAS, estimateGas, MAX_CANCEL_ALL_ORDERS_PER_TX, MAX_CANCELS_BY_ID_PER_TX, MAX_GAS_PER_TX, TX_BYTES_GAS_PER_ITEM } from './gas.estimator';

const { spot: SPOT_INJ_USDT, perp: PERP_INJ_USDT } = injUsdtMarkets();

const base = { injectiveAddress: 'inj1r8n7xah8cgfm0el8u3kvwzja6zrd4le2krtp7d', subaccountId: '0x' + '00'.repeat(32) };
const spot = (postOnly: boolean): SpotOrderCreate => ({
  market: SPOT_INJ_USDT,
  side: 'buy',
  postOnly,
  price: new Dec(1),
  quantity: new Dec(1),
});
const withSafety = (gas: number) => Math.ceil((gas * 120) / 100);

describe('estimateGas', () => {
  describe('when the batch is empty', () => {
    it('asks for the ante overhead with the safety margin', () => {
      expect(estimateGas(base)).toEqual({ gas: withSafety(ANTE_OVERHEAD_GAS), required: withSafety(ANTE_OVERHEAD_GAS), capped: false });
    });
  });

  describe('when the batch mixes creates and cancels', () => {
    it('adds the fixed gas of each order type', () => {
      const input: BatchUpdateOrdersInput = {
        ...base,
        spotCreates: [spot(true), spot(false)],
        derivativeCreates: [
          { ...spot(true), market: PERP_INJ_USDT, margin: new Dec(1) },
          { ...spot(false), market: PERP_INJ_USDT, margin: new Dec(1) },
        ],
        spotCancels: [{ marketId: SPOT_INJ_USDT.id, cid: 'a' }],
        derivativeCancels: [{ marketId: PERP_INJ_USDT.id, cid: 'b' }],
      };
      // 120k + 100k + 140k + 120k + 65k + 70k
      const orders = 615_000;
      expect(estimateGas(input).gas).toBe(withSafety(orders + ANTE_OVERHEAD_GAS + 6 * TX_BYTES_GAS_PER_ITEM));
    });
  });

  describe('when a market is cancelled entirely', () => {
    it('budgets the assumed number of orders per market', () => {
      const input = { ...base, spotCancelAll: [SPOT_INJ_USDT.id] };
      expect(estimateGas(input, { cancelAllOrdersPerMarket: 10 }).gas).toBe(
        withSafety(10 * 65_000 + ANTE_OVERHEAD_GAS + TX_BYTES_GAS_PER_ITEM),
      );
      expect(estimateGas(input).gas).toBeGreaterThan(estimateGas(input, { cancelAllOrdersPerMarket: 1 }).gas);
    });
  });

  describe('when the batch needs more than a block allows', () => {
    it('caps the limit at 30M and says so', () => {
      const estimate = estimateGas({ ...base, spotCreates: Array.from({ length: 300 }, () => spot(true)) });
      expect(estimate.gas).toBe(MAX_GAS_PER_TX);
      expect(estimate.capped).toBe(true);
      expect(estimate.required).toBeGreaterThan(MAX_GAS_PER_TX);
    });
  });

  describe('when every item is the costliest kind (derivative post-only create)', () => {
    const perps = (n: number) => estimateGas({ ...base, derivativeCreates: Array.from({ length: n }, () => ({ ...spot(true), market: PERP_INJ_USDT, margin: new Dec(1) })) });

    it('fits 174 in a block and not 175 (EXEC_MAX_ORDERS_PER_TX allows at most 170)', () => {
      expect(perps(174).capped).toBe(false);
      expect(perps(175).capped).toBe(true);
    });
  });

  describe('when a batch cancels MAX_CANCELS_BY_ID_PER_TX derivative orders by hash', () => {
    const byHash = (n: number) =>
      estimateGas({ ...base, derivativeCancels: Array.from({ length: n }, (_, i) => ({ marketId: PERP_INJ_USDT.id, orderHash: `0x${i.toString(16).padStart(64, '0')}` })) });

    it('fits in one tx, and one more does not', () => {
      expect(byHash(MAX_CANCELS_BY_ID_PER_TX).capped).toBe(false);
      expect(byHash(MAX_CANCELS_BY_ID_PER_TX + 1).capped).toBe(true);
    });
  });

  describe('when cancel-alls remove MAX_CANCEL_ALL_ORDERS_PER_TX orders', () => {
    const cancelAll = (markets: number, perMarket: number) =>
      estimateGas({ ...base, derivativeCancelAll: Array.from({ length: markets }, (_, i) => `0x${i}`) }, { cancelAllOrdersPerMarket: perMarket });

    it('fits in a block over 1 to 20 markets, and one order more per market does not', () => {
      expect(MAX_CANCEL_ALL_ORDERS_PER_TX).toBeGreaterThan(300);
      for (let n = 1; n <= 20; n++) {
        const perMarket = Math.floor(MAX_CANCEL_ALL_ORDERS_PER_TX / n);
        expect(cancelAll(n, perMarket).capped).toBe(false);
      }
      expect(cancelAll(1, MAX_CANCEL_ALL_ORDERS_PER_TX + 3).capped).toBe(true);
    });
  });

  it('grows with every order added', () => {
    const one = estimateGas({ ...base, spotCreates: [spot(true)] }).gas;
    const two = estimateGas({ ...base, spotCreates: [spot(true), spot(true)] }).gas;
    expect(two).toBeGreaterThan(one);
  });
});

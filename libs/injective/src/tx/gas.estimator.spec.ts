import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from '@mirrorbook/testing';
import type { BatchUpdateOrdersInput, SpotOrderCreate } from './batch-update-orders.input';
import {
  ANTE_MARGIN_GAS,
  anteGas,
  DEFAULT_CANCEL_ALL_ORDERS_PER_MARKET,
  estimateGas,
  MAX_CANCEL_ALL_ORDERS_PER_TX,
  MAX_CANCELS_BY_ID_PER_TX,
  MAX_GAS_PER_TX,
  TX_BYTES_BOUND,
  txBytesBound,
} from './gas.estimator';

const { spot: SPOT_INJ_USDT, perp: PERP_INJ_USDT } = injUsdtMarkets();

const base = { injectiveAddress: 'inj1r8n7xah8cgfm0el8u3kvwzja6zrd4le2krtp7d', subaccountId: '0x' + '00'.repeat(32) };
const spot = (postOnly: boolean): SpotOrderCreate => ({
  market: SPOT_INJ_USDT,
  side: 'buy',
  postOnly,
  price: new Dec(1),
  quantity: new Dec(1),
});
const perp = (postOnly: boolean) => ({ ...spot(postOnly), market: PERP_INJ_USDT, margin: new Dec(1) });
/** what every estimate adds to the table for a tx of `txBytes` */
const overhead = (txBytes: number) => anteGas(txBytes) + ANTE_MARGIN_GAS;

describe('estimateGas', () => {
  describe('when the batch is empty', () => {
    it('asks for the ante gas of the envelope plus the margin', () => {
      const gas = overhead(TX_BYTES_BOUND.envelope);
      expect(estimateGas(base)).toEqual({ gas, required: gas, capped: false });
    });
  });

  describe('when the batch mixes creates and cancels', () => {
    const input: BatchUpdateOrdersInput = {
      ...base,
      spotCreates: [spot(true), spot(false)],
      derivativeCreates: [perp(true), perp(false)],
      spotCancels: [{ marketId: SPOT_INJ_USDT.id, cid: 'a' }],
      derivativeCancels: [{ marketId: PERP_INJ_USDT.id, cid: 'b' }],
    };
    // 120k + 100k + 140k + 120k + 65k + 70k
    const table = 615_000;

    it('adds exactly the fixed gas of each order type, with no percentage on it', () => {
      expect(estimateGas(input).gas).toBe(table + overhead(txBytesBound(input)));
    });

    it("prices the ante from the signed tx's size when it is given", () => {
      expect(estimateGas(input, { txBytes: 1_234 }).gas).toBe(table + anteGas(1_234) + ANTE_MARGIN_GAS);
      expect(anteGas(1_234) - anteGas(1_233)).toBe(10);
    });
  });

  describe('when markets are cancelled entirely', () => {
    const input = { ...base, spotCancelAll: [SPOT_INJ_USDT.id], derivativeCancelAll: [PERP_INJ_USDT.id] };
    const open: Record<string, number> = { [SPOT_INJ_USDT.id]: 5, [PERP_INJ_USDT.id]: 2 };

    it('budgets each market for the orders it holds (the chain charges per order removed)', () => {
      expect(estimateGas(input, { cancelAllOrders: (id) => open[id]!, txBytes: 500 }).gas).toBe(5 * 65_000 + 2 * 70_000 + overhead(500));
    });

    it('assumes the default count on every market when the counts are unknown', () => {
      const table = DEFAULT_CANCEL_ALL_ORDERS_PER_MARKET * (65_000 + 70_000);
      expect(estimateGas(input, { txBytes: 500 }).gas).toBe(table + overhead(500));
    });

    it('refuses a count that is not a non-negative integer', () => {
      expect(() => estimateGas(input, { cancelAllOrders: () => -1 })).toThrow(RangeError);
      expect(() => estimateGas(input, { cancelAllOrders: () => 1.5 })).toThrow(RangeError);
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
    const perps = (n: number) => estimateGas({ ...base, derivativeCreates: Array.from({ length: n }, () => perp(true)) });

    it('fits the 170 EXEC_MAX_ORDERS_PER_TX allows in a block', () => {
      expect(perps(170).capped).toBe(false);
      expect(perps(300).capped).toBe(true);
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
    /** `total` orders over `markets` markets, the first taking the remainder */
    const cancelAll = (markets: number, total: number) =>
      estimateGas(
        { ...base, derivativeCancelAll: Array.from({ length: markets }, (_, i) => `0x${i}`) },
        { cancelAllOrders: (id) => Math.floor(total / markets) + (id === '0x0' ? total % markets : 0) },
      );

    it('fits in a block over 1 to 20 markets, and one order more over 20 markets does not', () => {
      expect(MAX_CANCEL_ALL_ORDERS_PER_TX).toBeGreaterThan(400);
      for (let n = 1; n <= 20; n++) expect(cancelAll(n, MAX_CANCEL_ALL_ORDERS_PER_TX).capped).toBe(false);
      expect(cancelAll(20, MAX_CANCEL_ALL_ORDERS_PER_TX + 1).capped).toBe(true);
    });
  });

  it('grows with every order added', () => {
    const one = estimateGas({ ...base, spotCreates: [spot(true)] }).gas;
    const two = estimateGas({ ...base, spotCreates: [spot(true), spot(true)] }).gas;
    expect(two).toBeGreaterThan(one);
  });
});

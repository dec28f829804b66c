import { Dec, catalogMarkets } from '@mirrorbook/market';
import { planCloseOrder } from './close-order.planner';

/** Testnet INJ/USDT PERP from the bundled fixture: price tick 0.0001, quantity tick 0.0001 (real ticks). */
const perp = catalogMarkets().testnet.find((m) => m.ticker === 'INJ/USDT PERP')!;

describe('planCloseOrder on INJ/USDT PERP', () => {
  it('uses the real tick sizes of the fixture', () => {
    expect([perp.priceTick.toFixed(), perp.quantityTick.toFixed()]).toEqual(['0.0001', '0.0001']);
  });

  describe('when closing a long of 1.5 at a mark of 25 with 1 % slippage', () => {
    const order = planCloseOrder(perp, { side: 'long', quantity: new Dec('1.5') }, new Dec('25'), new Dec('1'));

    it('sells the whole position at 24.75', () => {
      expect(order).toMatchObject({ side: 'sell' });
      expect(order?.price.toFixed()).toBe('24.75');
      expect(order?.quantity.toFixed()).toBe('1.5');
      expect(order?.remainder.isZero()).toBe(true);
    });
  });

  describe('when closing a short at a mark off the tick', () => {
    const order = planCloseOrder(perp, { side: 'short', quantity: new Dec('2') }, new Dec('25.1234'), new Dec('0.5'));

    it('buys at mark × 1.005 rounded down to the tick, never more aggressive', () => {
      // 25.1234 × 1.005 = 25.249017 → 25.249
      expect(order?.side).toBe('buy');
      expect(order?.price.toFixed()).toBe('25.249');
    });
  });

  describe('when the position is below one quantity tick', () => {
    it('plans nothing', () => {
      expect(planCloseOrder(perp, { side: 'long', quantity: new Dec('0.00004') }, new Dec('25'), new Dec('1'))).toBeNull();
    });
  });

  describe('when part of the position is below the tick', () => {
    it('rounds the quantity down and reports what stays open', () => {
      const order = planCloseOrder(perp, { side: 'long', quantity: new Dec('1.00005') }, new Dec('25'), new Dec('1'));
      expect(order?.quantity.toFixed()).toBe('1');
      expect(order?.remainder.toFixed()).toBe('0.00005');
    });
  });

  it('refuses a slippage of 100 % or more', () => {
    expect(() => planCloseOrder(perp, { side: 'long', quantity: new Dec('1') }, new Dec('25'), new Dec('100'))).toThrow(RangeError);
  });
});

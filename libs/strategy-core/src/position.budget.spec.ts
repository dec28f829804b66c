import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';
import { planCycle } from './cycle.planner';
import type { OwnOrder } from './own-order.model';
import { creates, cycleInput, fixtureMarket, hash, ofSide, own, params, sum } from './testing/strategy.fixtures';

// INJ/USDT PERP (tick 0.001, quantity tick 0.001): an empty book, so a 27-a-side staircase of ~1 each
const perp = fixtureMarket('INJ/USDT PERP', 'mainnet', 'derivative');
const build = (position: Decimal.Value, ownOrders: OwnOrder[] = [], maxNetPosition = '100') =>
  planCycle(
    cycleInput({
      market: perp,
      balances: undefined,
      position: new Dec(position),
      ownOrders,
      params: params({ maxNetPosition }),
    }),
  );
const total = (orders: ReturnType<typeof creates>) => sum(orders.map((o) => o.quantity));

describe('derivative position cap', () => {
  describe('when a resting bid lies beyond any placement (the reference has moved away from it)', () => {
    // long 90 of 100, and a resting bid of 2 at 20, 20 % below the reference 25
    const plan = build('90', [own(1, 'buy', '20', { quantity: new Dec(2) })]);
    const buys = ofSide(creates(plan), 'buy');

    it('withdraws it and gives its room to bids near the reference', () => {
      expect(plan.actions.filter((a) => a.type === 'cancel')).toEqual([{ type: 'cancel', orderHash: hash(1) }]);
      expect(total(buys).gt(8)).toBe(true);
      expect(total(buys).lte(10)).toBe(true);
    });
  });

  describe('when the position is far from the cap', () => {
    it('plans both sides in full, none reduce-only', () => {
      const plan = build('0');
      expect(ofSide(creates(plan), 'buy')).toHaveLength(27);
      expect(ofSide(creates(plan), 'sell')).toHaveLength(27);
      expect(creates(plan).some((o) => o.reduceOnly)).toBe(false);
    });
  });

  describe('when buys could take the long position past the cap', () => {
    // long 90 of 100, and a resting bid of 2 at 24 (4 % below the reference): room for 8 more
    const plan = build('90', [own(1, 'buy', '24', { quantity: new Dec(2) })]);
    const buys = ofSide(creates(plan), 'buy');

    it('stops adding bids once the worst case (every bid filled) reaches the cap', () => {
      expect(total(buys).lte(8)).toBe(true);
      expect(buys.length).toBeGreaterThan(0);
      expect(buys.length).toBeLessThan(27);
    });

    it('keeps the bids nearest the reference', () => {
      const lowestKept = Dec.min(...buys.map((o) => new Dec(o.price)));
      expect(lowestKept.gt('24.9')).toBe(true);
    });

    it('still sells normally', () => {
      expect(ofSide(creates(plan), 'sell')).toHaveLength(27);
      expect(creates(plan).some((o) => o.reduceOnly)).toBe(false);
    });
  });

  describe('when the long position is at the cap', () => {
    const plan = build('5', [], '5');

    it('places no bids', () => {
      expect(ofSide(creates(plan), 'buy')).toHaveLength(0);
    });

    it('plans reduce-only asks instead, at most the position', () => {
      const sells = ofSide(creates(plan), 'sell');
      expect(sells.length).toBeGreaterThan(0);
      expect(sells.every((o) => o.reduceOnly)).toBe(true);
      expect(total(sells).lte(5)).toBe(true);
      expect(total(sells).gt(4)).toBe(true);
    });

    it('counts reduce-only asks already resting against the position', () => {
      const withResting = build('5', [own(1, 'sell', '26', { quantity: new Dec(3), reduceOnly: true })], '5');
      expect(total(ofSide(creates(withResting), 'sell')).lte(2)).toBe(true);
    });
  });

  describe('when the short position is beyond the cap', () => {
    const plan = build('-120');

    it('places no asks and only reduce-only bids, at most the position', () => {
      expect(ofSide(creates(plan), 'sell')).toHaveLength(0);
      const buys = ofSide(creates(plan), 'buy');
      expect(buys).toHaveLength(27);
      expect(buys.every((o) => o.reduceOnly)).toBe(true);
      expect(total(buys).lte(120)).toBe(true);
    });
  });

  describe('when the position is missing', () => {
    it('refuses to plan with MISSING_POSITION', () => {
      expect(() => planCycle(cycleInput({ market: perp, position: undefined }))).toThrow(
        expect.objectContaining({ code: 'MISSING_POSITION' }),
      );
    });
  });
});

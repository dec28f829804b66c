import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';
import { planCycle } from './cycle.planner';
import type { OwnOrder } from './own-order.model';
import { cancels, creates, cycleInput, fixtureMarket, hash, ofSide, own, params, sum } from './testing/strategy.fixtures';

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
/** The own orders a plan leaves resting (not cancelled), quantity of one side. */
const restingAfter = (plan: ReturnType<typeof build>, ownOrders: OwnOrder[], side: 'buy' | 'sell') => {
  const cancelled = new Set(plan.actions.flatMap((a) => (a.type === 'cancel' ? [a.orderHash] : [])));
  return sum(ownOrders.filter((o) => o.side === side && !cancelled.has(o.orderHash)).map((o) => String(o.quantity)));
};

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
    const resting = [own(1, 'buy', '24', { quantity: new Dec(2) })];
    const plan = build('90', resting);
    const buys = ofSide(creates(plan), 'buy');

    it('stops adding bids once the worst case (every bid filled) reaches the cap', () => {
      expect(total(buys).add(restingAfter(plan, resting, 'buy')).lte(10)).toBe(true);
      expect(buys.length).toBeGreaterThan(0);
      expect(buys.length).toBeLessThan(27);
    });

    it('withdraws the far resting bid, whose room nearer bids need (the budget binds)', () => {
      expect(plan.actions.filter((a) => a.type === 'cancel')).toEqual([{ type: 'cancel', orderHash: hash(1) }]);
      expect(total(buys).gt(8)).toBe(true);
      expect(plan.notes).toContain('1 far orders withdrawn: the position budget binds');
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
      // at 25.001, nearer than any level of the staircase: kept, so 2 of the 5 are left to plan
      const resting = [own(1, 'sell', '25.001', { quantity: new Dec(3), reduceOnly: true })];
      const withResting = build('5', resting, '5');
      expect(withResting.actions.some((a) => a.type === 'cancel')).toBe(false);
      expect(total(ofSide(creates(withResting), 'sell')).lte(2)).toBe(true);
    });

    it('withdraws a far reduce-only ask for nearer ones, still at most the position in all', () => {
      const resting = [own(1, 'sell', '26', { quantity: new Dec(3), reduceOnly: true })];
      const withResting = build('5', resting, '5');
      expect(withResting.actions.filter((a) => a.type === 'cancel')).toEqual([{ type: 'cancel', orderHash: hash(1) }]);
      expect(total(ofSide(creates(withResting), 'sell')).add(restingAfter(withResting, resting, 'sell')).lte(5)).toBe(true);
    });
  });

  describe('when a short position leaves room for one ask and deep asks hold it (the perp gap shock)', () => {
    // short 36 of 50, base size 10: 14 contracts of sell room, all held by two asks 3–4 % out
    const resting = [own(1, 'sell', '25.75', { quantity: new Dec(7) }), own(2, 'sell', '26', { quantity: new Dec(7) })];
    const plan = planCycle(
      cycleInput({ market: perp, balances: undefined, position: new Dec(-36), ownOrders: resting, params: params({ maxNetPosition: '50', baseSize: '10' }) }),
    );
    const sells = ofSide(creates(plan), 'sell');

    it('withdraws the deep asks and places the tightest levels with their room', () => {
      expect(cancels(plan).map((a) => a.orderHash).sort()).toEqual([hash(1), hash(2)]);
      expect(sells.length).toBeGreaterThan(0);
      expect(Dec.max(...sells.map((o) => new Dec(o.price))).lt('25.05')).toBe(true);
      expect(total(sells).lte(14)).toBe(true);
    });

    it('plans the same without the relief when nothing nearer was left out (a second cycle changes nothing)', () => {
      const placed = sells.map((o, i) => own(10 + i, 'sell', o.price, { quantity: new Dec(o.quantity) }));
      const next = planCycle(
        cycleInput({ market: perp, balances: undefined, position: new Dec(-36), ownOrders: placed, params: params({ maxNetPosition: '50', baseSize: '10' }) }),
      );
      expect(next.actions.filter((a) => a.type === 'cancel' || (a.type === 'create' && a.side === 'sell'))).toEqual([]);
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

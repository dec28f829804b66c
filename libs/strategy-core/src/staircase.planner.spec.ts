import { Dec, isOnTick, meetsMinNotional, minQuantityForNotional, roundPrice, toDecimalString } from '@mirrorbook/market';
import { planCycle } from './cycle.planner';
import { createSeededRng } from './seeded-rng.factory';
import {
  cancels,
  creates,
  cycleInput,
  fixtureMarket,
  hash,
  NOW,
  ofSide,
  own,
  params,
  spreadPct,
} from './testing/strategy.fixtures';

const TIERS = params().bookBuilding.tiers;

describe('book building (staircase)', () => {
  describe('when the book is empty on INJ/USDT spot (tick 0.001) at reference 25.00', () => {
    const market = fixtureMarket('INJ/USDT');
    const plan = planCycle(cycleInput({ market }));
    const orders = creates(plan);

    it('builds the book', () => {
      expect(plan.phase).toBe('BOOK_BUILDING');
    });

    it('places 54 orders, 27 a side, and cancels nothing', () => {
      expect(orders).toHaveLength(54);
      expect(ofSide(orders, 'buy')).toHaveLength(27);
      expect(ofSide(orders, 'sell')).toHaveLength(27);
      expect(cancels(plan)).toHaveLength(0);
    });

    it.each(['buy', 'sell'] as const)('spreads the %s levels over the 6 tiers (5, 6, 5, 4, 4, 3)', (side) => {
      const spreads = ofSide(orders, side).map((o) => spreadPct(o.price, 25));
      const perTier = TIERS.map((t) => spreads.filter((s) => s.gte(t.spread.min) && s.lte(t.spread.max)).length);
      expect(perTier).toEqual([5, 6, 5, 4, 4, 3]);
    });

    it('keeps spreads between 0.01 % and 5 %', () => {
      for (const o of orders) {
        expect(spreadPct(o.price, 25).gte('0.01')).toBe(true);
        expect(spreadPct(o.price, 25).lte('5')).toBe(true);
      }
    });

    it('rounds each level with the market rounding: bids down, asks up, on the 0.001 tick', () => {
      // level i of a tier's n sits in the middle of its slice of the tier's spread range
      const levels = TIERS.flatMap((t) =>
        Array.from({ length: t.levels }, (_, i) =>
          new Dec(t.spread.max).sub(t.spread.min).mul(i + 0.5).div(t.levels).add(t.spread.min),
        ),
      );
      const expected = (side: 'buy' | 'sell') =>
        levels.map((s) => {
          const target = new Dec(25).mul(new Dec(1).add((side === 'buy' ? s.neg() : s).div(100)));
          return toDecimalString(roundPrice(market, side, target));
        });
      expect(ofSide(orders, 'buy').map((o) => o.price)).toEqual(expected('buy'));
      expect(ofSide(orders, 'sell').map((o) => o.price)).toEqual(expected('sell'));
      for (const o of orders) expect(isOnTick(o.price, market.priceTick)).toBe(true);
    });

    it('varies sizes by 10–15 % around the base size, on the quantity tick', () => {
      for (const o of orders) {
        const q = new Dec(o.quantity);
        const inBand = (q.gte('0.85') && q.lte('0.9')) || (q.gte('1.1') && q.lte('1.15'));
        expect(inBand).toBe(true);
        expect(isOnTick(q, market.quantityTick)).toBe(true);
      }
    });

    it('places maker-only orders with bids below the reference and asks above it', () => {
      expect(orders.every((o) => o.postOnly && !o.reduceOnly)).toBe(true);
      expect(ofSide(orders, 'buy').every((o) => new Dec(o.price).lt(25))).toBe(true);
      expect(ofSide(orders, 'sell').every((o) => new Dec(o.price).gt(25))).toBe(true);
    });

    it('gives every order its own cid of at most 36 characters', () => {
      const cids = orders.map((o) => o.cid);
      expect(new Set(cids).size).toBe(54);
      expect(cids.every((c) => c.length <= 36 && c.startsWith('spec-0-'))).toBe(true);
    });
  });

  describe('when the same staircase is already resting', () => {
    it('plans nothing', () => {
      const first = creates(planCycle(cycleInput()));
      const resting = first.map((o, i) => own(i, o.side, o.price, { quantity: new Dec(o.quantity) }));
      const again = planCycle(cycleInput({ ownOrders: resting, rng: createSeededRng(99) }));
      expect(again.phase).toBe('BOOK_BUILDING');
      expect(again.actions).toEqual([]);
    });
  });

  describe('when ticks are coarse relative to the spreads', () => {
    // at 1.000 one 0.001 tick is 0.1 %: the 0.01–0.1 % tiers all round onto the first tick
    const plan = planCycle(cycleInput({ reference: { price: new Dec('1'), seq: 1 }, params: params({ baseSize: '100' }) }));

    it('steps by whole ticks instead of producing duplicates', () => {
      const bids = ofSide(creates(plan), 'buy').map((o) => o.price);
      const asks = ofSide(creates(plan), 'sell').map((o) => o.price);
      expect(new Set(bids).size).toBe(27);
      expect(new Set(asks).size).toBe(27);
      expect(bids.slice(0, 5)).toEqual(['0.999', '0.998', '0.997', '0.996', '0.995']);
      expect(asks.slice(0, 5)).toEqual(['1.001', '1.002', '1.003', '1.004', '1.005']);
    });
  });

  describe('when ticks are too coarse for 27 levels within the deepest spread', () => {
    // at 0.500 one tick is 0.2 %: 27 one-tick steps would reach 5.4 %
    const plan = planCycle(cycleInput({ reference: { price: new Dec('0.5'), seq: 1 }, params: params({ baseSize: '100' }) }));

    it('stops the ladder at the deepest tier spread (5 %) and says so', () => {
      const orders = creates(plan);
      expect(ofSide(orders, 'buy')).toHaveLength(25);
      expect(ofSide(orders, 'sell')).toHaveLength(25);
      expect(orders.every((o) => spreadPct(o.price, '0.5').lte(5))).toBe(true);
      expect(plan.notes).toEqual([
        'no mainnet book: configured tiers',
        '2 buy levels left out: ticks too coarse for the tier spreads',
        '2 sell levels left out: ticks too coarse for the tier spreads',
      ]);
    });
  });

  describe('when the reference sits exactly on a tick', () => {
    it('keeps the innermost bid and ask a tick away from it', () => {
      const plan = planCycle(cycleInput({ reference: { price: new Dec('0.5'), seq: 1 }, params: params({ baseSize: '100' }) }));
      expect(creates(plan).some((o) => o.price === '0.5')).toBe(false);
    });
  });

  describe('when the bot has orders on the wrong side of the reference', () => {
    const stale = [own(1, 'buy', '25.2'), own(2, 'sell', '24.9'), own(3, 'buy', '24.5')];
    const plan = planCycle(cycleInput({ ownOrders: stale }));

    it('cancels them, and only them', () => {
      expect(cancels(plan).map((c) => c.orderHash)).toEqual([hash(1), hash(2)]);
    });

    it('still completes the staircase around the reference, the bid at 24.5 (2 %) holding a level of it', () => {
      expect(ofSide(creates(plan), 'sell')).toHaveLength(27);
      expect(ofSide(creates(plan), 'buy')).toHaveLength(26);
    });
  });

  describe("when other traders' asks sit just below the reference", () => {
    // thin book (not enough depth), best ask 24.99: post-only bids at or above it would be rejected
    const book = { bids: [{ price: '24.5', quantity: '3' }], asks: [{ price: '24.99', quantity: '3' }], orderCount: 2, seq: 1, height: 1 };
    const plan = planCycle(cycleInput({ book }));

    it('drops the bids that would cross the book', () => {
      const bids = ofSide(creates(plan), 'buy');
      expect(bids.length).toBeLessThan(27);
      expect(bids.every((o) => new Dec(o.price).lt('24.99'))).toBe(true);
      expect(plan.notes.join()).toContain('buy dropped: price-limit');
    });
  });

  describe('when the market has a min notional (ATOM/USDT: 1 USDT, quantity tick 0.01)', () => {
    const market = fixtureMarket('ATOM/USDT');
    const at = (baseSize: string) =>
      planCycle(cycleInput({ market, reference: { price: new Dec('5'), seq: 1 }, params: params({ baseSize }) }));

    it('lifts a small order to the smallest quantity that meets it', () => {
      // planned sizes are 0.17–0.18 or 0.22–0.23; 0.17 × 5 is below 1 USDT
      const orders = creates(at('0.2'));
      expect(orders).toHaveLength(54);
      expect(orders.every((o) => meetsMinNotional(market, o.price, o.quantity))).toBe(true);
      const lifted = orders.filter((o) => new Dec(o.quantity).gt('0.18') && new Dec(o.quantity).lt('0.22'));
      expect(lifted.length).toBeGreaterThan(0);
      for (const o of lifted) expect(o.quantity).toBe(toDecimalString(minQuantityForNotional(market, o.price)));
    });

    it('drops an order whose lifted size would exceed the largest planned size', () => {
      const plan = at('0.1');
      expect(creates(plan)).toHaveLength(0);
      expect(plan.notes).toEqual(['no mainnet book: configured tiers', '27 buy dropped: min-notional', '27 sell dropped: min-notional']);
    });
  });

  describe('when the cycle index grows', () => {
    it('gives the next cycle fresh cids', () => {
      const plan = planCycle(cycleInput({ cycle: { index: 35, stage: 0 } }));
      expect(creates(plan)[0]!.cid).toBe('spec-z-0');
      expect(plan.nextCycleState).toEqual({ index: 36, stage: 0 });
    });
  });

  it('is deterministic in its inputs', () => {
    const a = planCycle(cycleInput({ rng: createSeededRng(5), nowMs: NOW }));
    const b = planCycle(cycleInput({ rng: createSeededRng(5), nowMs: NOW }));
    expect(a.actions).toEqual(b.actions);
  });
});

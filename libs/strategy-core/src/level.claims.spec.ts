import { Dec } from '@mirrorbook/market';
import { planCycle } from './cycle.planner';
import { restingStaircase } from './testing/resting-staircase.fixture';
import { cancels, creates, cycleInput, NOW, ofSide, own, params, spreadPct } from './testing/strategy.fixtures';

// The staircase the bot built at 25.000 on INJ/USDT (tick 0.001 = 0.4 bps), resting alone on the
// book: innermost bid 24.996 and ask 25.004, levels two ticks apart near the reference.
const resting = restingStaircase('25');
// enough levels wanted that the book always counts as poor: every cycle is a build
const building = params({ bookBuilding: { minTotalOrders: 1000 } });
const build = (reference: string, overrides: Parameters<typeof cycleInput>[0] = {}) =>
  planCycle(cycleInput({ ...resting, reference: { price: new Dec(reference), seq: 3 }, params: building, ...overrides }));
const requotedOf = (plan: { notes: string[] }) => plan.notes.find((n) => n.endsWith('quotes requoted: price or size off by more than the tolerance'));

describe('requote tolerance (book building)', () => {
  describe('when the reference has not moved', () => {
    it('plans nothing: every level is held by the order already on it', () => {
      const plan = build('25');
      expect(plan.phase).toBe('BOOK_BUILDING');
      expect(plan.actions).toEqual([]);
    });
  });

  describe('when the reference moved less than the tolerance', () => {
    it('leaves every order alone (one tick, 0.4 bps: within the one-tick allowance of the innermost level)', () => {
      expect(build('25.001').actions).toEqual([]);
    });

    it('leaves alone an order off its level by less than tolerance × its distance to the reference', () => {
      // the deepest bid (23.875, 4.5 %) moved to 23.9: 2.5 bps of a 0.5 × 450 bps allowance
      const orders = resting.ownOrders.map((o) => (new Dec(o.price).eq('23.875') ? { ...o, price: new Dec('23.9') } : o));
      expect(build('25', { ownOrders: orders }).actions).toEqual([]);
    });
  });

  describe('with a tolerance of 0.1, around the tight level at 24.965 (14 bps: 3.5 ticks allowed)', () => {
    const tight = params({ bookBuilding: { minTotalOrders: 1000 }, cadence: { requoteTolerance: '0.1' } });
    const movedTo = (price: string) => {
      const moved = own(900, 'buy', price);
      return { moved, ownOrders: [...resting.ownOrders.filter((o) => !new Dec(o.price).eq('24.965')), moved] };
    };

    it('keeps an order 3 ticks off the level', () => {
      expect(build('25', { ...movedTo('24.962'), params: tight }).actions).toEqual([]);
    });

    it('cancels an order 10 ticks off and places the level again', () => {
      const { moved, ownOrders } = movedTo('24.955');
      const plan = build('25', { ownOrders, params: tight });
      expect(cancels(plan).map((c) => c.orderHash)).toEqual([moved.orderHash]);
      expect(creates(plan).map((o) => `${o.side} ${o.price}`)).toEqual(['buy 24.965']);
      expect(requotedOf(plan)).toBe('1 quotes requoted: price or size off by more than the tolerance');
    });
  });

  describe('when the reference moved up 2 bps (25.000 → 25.005)', () => {
    const plan = build('25.005');

    it('requotes only the innermost levels: one bid placed, the one ask now below the reference cancelled', () => {
      expect(ofSide(creates(plan), 'buy').map((o) => o.price)).toEqual(['25.001']);
      expect(cancels(plan)).toEqual([{ type: 'cancel', orderHash: resting.ownOrders.find((o) => o.side === 'sell' && new Dec(o.price).eq('25.004'))!.orderHash }]);
      // the asks held the levels one place further in: the build fills the one level they left open
      expect(ofSide(creates(plan), 'sell')).toHaveLength(1);
      expect(plan.actions.length).toBeLessThanOrEqual(3);
    });

    it('touches nothing beyond the tight tier (0.5 %)', () => {
      const touched = [...creates(plan).map((o) => o.price), ...resting.ownOrders.filter((o) => cancels(plan).some((c) => c.orderHash === o.orderHash)).map((o) => o.price)];
      expect(touched.every((p) => spreadPct(p, '25.005').lt('0.5'))).toBe(true);
    });
  });

  describe('when the reference moved down 4 bps (25.000 → 24.990)', () => {
    const plan = build('24.99');

    it('cancels the four bids now at or above it and places asks below the old innermost one', () => {
      const cancelled = resting.ownOrders.filter((o) => cancels(plan).some((c) => c.orderHash === o.orderHash));
      expect(cancelled.map((o) => `${o.side} ${new Dec(o.price).toFixed()}`)).toEqual(['buy 24.996', 'buy 24.994', 'buy 24.992', 'buy 24.99']);
      expect(ofSide(creates(plan), 'sell').map((o) => o.price)).toEqual(['24.994', '24.996', '24.998']);
    });

    it('leaves at least 20 of the 27 levels a side as they are', () => {
      expect(ofSide(creates(plan), 'buy').length).toBeLessThanOrEqual(7);
      expect(cancels(plan).length).toBe(4);
    });
  });
});

describe('requote tolerance (maintenance waiting for its interval)', () => {
  const waiting = (reference: string) =>
    planCycle(cycleInput({ ...resting, reference: { price: new Dec(reference), seq: 3 }, cycle: { index: 3, stage: 0, maintainedAtMs: NOW - 1_000 } }));

  it('plans nothing while the reference stays within the tolerance', () => {
    expect(waiting('25.002').actions).toEqual([]);
  });

  it('requotes the innermost bid alone after a 2 bps move up (one create, one cancel: a cheap tx)', () => {
    const plan = waiting('25.005');
    expect(plan.phase).toBe('MAINTENANCE');
    expect(creates(plan).map((o) => `${o.side} ${o.price}`)).toEqual(['buy 25.001']);
    expect(cancels(plan)).toHaveLength(1);
  });
});

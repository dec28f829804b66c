import { Dec } from '@mirrorbook/market';
import { planCycle, type CycleState } from './cycle.planner';
import { bookOf, restingStaircase } from './testing/resting-staircase.fixture';
import { cancels, creates, cycleInput, NOW, ofSide, own, params } from './testing/strategy.fixtures';

// The bot's staircase at 25.000 resting alone on the book: depth good, gap 0, spread 3.2 bps, so
// the phase is MAINTENANCE. The default interval is 20 s, × 3 while the fee budget is slow.
const resting = restingStaircase('25');
const cycle = (maintainedAgoMs?: number): CycleState =>
  maintainedAgoMs === undefined ? { index: 9, stage: 1 } : { index: 9, stage: 1, maintainedAtMs: NOW - maintainedAgoMs };
const plan = (state: CycleState, overrides: Parameters<typeof cycleInput>[0] = {}) => planCycle(cycleInput({ ...resting, cycle: state, ...overrides }));

describe('maintenance cadence', () => {
  describe('when the last maintenance was 5 s ago and nothing moved', () => {
    const p = plan(cycle(5_000));

    it('plans nothing', () => {
      expect(p.phase).toBe('MAINTENANCE');
      expect(p.actions).toEqual([]);
    });

    it('says when the next maintenance is due (15 s from now)', () => {
      expect(p.maintenanceDueAtMs).toBe(NOW + 15_000);
      expect(p.notes).toContain(`maintenance not due before ${new Date(NOW + 15_000).toISOString()}: price following only`);
    });

    it('carries the stage and the time of the last maintenance over unchanged', () => {
      expect(p.nextCycleState).toEqual({ index: 10, stage: 1, maintainedAtMs: NOW - 5_000 });
    });
  });

  describe('when the interval has run out (20 s)', () => {
    const p = plan(cycle(20_000));

    it('runs maintenance: adds in the next depth stage and cancels the oldest', () => {
      expect(p.phase).toBe('MAINTENANCE');
      expect(ofSide(creates(p), 'buy').length).toBeGreaterThanOrEqual(5);
      expect(cancels(p).length).toBeGreaterThanOrEqual(4);
      expect(p.maintenanceDueAtMs).toBeUndefined();
    });

    it('records now as the last maintenance and advances the stage', () => {
      expect(p.nextCycleState).toEqual({ index: 10, stage: 2, maintainedAtMs: NOW });
    });
  });

  describe('when the cycle state has no maintenance time (first cycle, or a hash stored before the field)', () => {
    it('runs maintenance at once', () => {
      const p = plan(cycle());
      expect(creates(p).length).toBeGreaterThan(0);
      expect(p.nextCycleState.maintainedAtMs).toBe(NOW);
    });
  });

  describe("when the wallet's fee budget is slow", () => {
    it('waits slowFactor × the interval: 30 s after the last maintenance it is not due (60 s)', () => {
      const p = plan(cycle(30_000), { slow: true });
      expect(p.actions).toEqual([]);
      expect(p.maintenanceDueAtMs).toBe(NOW + 30_000);
    });

    it('runs once that has passed', () => {
      expect(creates(plan(cycle(60_000), { slow: true })).length).toBeGreaterThan(0);
    });

    it('without slow, the same 30 s is past due', () => {
      expect(creates(plan(cycle(30_000))).length).toBeGreaterThan(0);
    });

    it('follows cadence.slowFactor', () => {
      const p = plan(cycle(30_000), { slow: true, params: params({ cadence: { slowFactor: 1 } }) });
      expect(creates(p).length).toBeGreaterThan(0);
    });
  });

  describe('when the interval is 0', () => {
    it('maintains every cycle', () => {
      const p = plan(cycle(0), { params: params({ cadence: { maintenanceIntervalS: 0 } }) });
      expect(p.maintenanceDueAtMs).toBeUndefined();
      expect(creates(p).length).toBeGreaterThan(0);
    });
  });

  describe('what acts before the interval', () => {
    it('a move of the reference past the tolerance: the inner levels follow it at once', () => {
      const p = plan(cycle(5_000), { reference: { price: new Dec('24.99'), seq: 3 } });
      expect(p.phase).toBe('MAINTENANCE');
      expect(p.maintenanceDueAtMs).toBe(NOW + 15_000);
      expect(cancels(p)).toHaveLength(4);
      expect(ofSide(creates(p), 'sell').map((o) => o.price)).toEqual(['24.994', '24.996', '24.998']);
      // price following is no maintenance: the interval still runs from the last one
      expect(p.nextCycleState).toEqual({ index: 10, stage: 1, maintainedAtMs: NOW - 5_000 });
    });

    it('an empty side: the bot rebuilds it at once', () => {
      const bids = resting.ownOrders.filter((o) => o.side === 'buy');
      const p = plan(cycle(5_000), { ownOrders: bids, book: bookOf(bids) });
      expect(p.phase).toBe('BOOK_BUILDING');
      expect(ofSide(creates(p), 'sell')).toHaveLength(27);
    });

    it('an own order on the wrong side of the reference: cancelled at once', () => {
      const wrong = own(900, 'buy', '25.01');
      const p = plan(cycle(5_000), { ownOrders: [...resting.ownOrders, wrong], book: bookOf(resting.ownOrders) });
      expect(cancels(p)).toEqual([{ type: 'cancel', orderHash: wrong.orderHash }]);
    });

    it('a gap beyond the maintenance band: repricing acts at once', () => {
      // the reference 3 % below the book: the bot's bids now sit above it
      const p = plan(cycle(5_000), { reference: { price: new Dec('24.25'), seq: 3 } });
      expect(p.phase).toBe('REPRICING');
      expect(p.actions.length).toBeGreaterThan(0);
      expect(p.maintenanceDueAtMs).toBeUndefined();
    });
  });
});

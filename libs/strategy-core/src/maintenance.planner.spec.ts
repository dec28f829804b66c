import { Dec } from '@mirrorbook/market';
import type { PlanningBook } from './cycle.planner';
import { planCycle } from './cycle.planner';
import { createSeededRng } from './seeded-rng.factory';
import { cancels, creates, cycleInput, NOW, ofSide, own, params, spreadPct } from './testing/strategy.fixtures';

// 60 levels with a wide spread: bids 24.90 down, asks 25.60 up (0.02 apart): mid 25.25, 1 % above
// the 25.00 reference, all within 5 % of it.
const levels = (from: string, step: string) =>
  Array.from({ length: 30 }, (_, i) => ({ price: new Dec(from).add(new Dec(step).mul(i)).toFixed(), quantity: '2' }));
const book: PlanningBook = { bids: levels('24.9', '-0.02'), asks: levels('25.6', '0.02'), orderCount: 60, seq: 1, height: 1 };
// 12 resting orders of the bot, the older the farther from the reference
const ownOrders = Array.from({ length: 6 }, (_, i) => [
  own(i, 'buy', new Dec('24.8').sub(new Dec('0.02').mul(i)), { createdAtMs: NOW - 60_000 * (i + 1) }),
  own(50 + i, 'sell', new Dec('25.7').add(new Dec('0.02').mul(i)), { createdAtMs: NOW - 60_000 * (i + 1) - 1 }),
]).flat();

// the book's spread (2.8 %) would send it to BOOK_BUILDING for a refill: lifted out of the way,
// so this spec is about maintenance planning itself
const wideSpreadAllowed = params({ bookBuilding: { maxSpreadPct: '5' } });
const plan = (stage: number, seed = 1, orders = ownOrders) =>
  planCycle(cycleInput({ book, ownOrders: orders, cycle: { index: 4, stage }, rng: createSeededRng(seed), params: wideSpreadAllowed }));

describe('maintenance', () => {
  describe('when the gap is 1 % and the book has depth', () => {
    const plans = [1, 2, 3, 4, 5, 6].map((seed) => plan(0, seed));

    it('maintains the book', () => {
      expect(plans.every((p) => p.phase === 'MAINTENANCE')).toBe(true);
    });

    it('places 5–8 maker orders a side', () => {
      for (const p of plans) {
        for (const side of ['buy', 'sell'] as const) {
          const n = ofSide(creates(p), side).length;
          expect(n).toBeGreaterThanOrEqual(5);
          expect(n).toBeLessThanOrEqual(8);
        }
        expect(creates(p).every((o) => o.postOnly)).toBe(true);
      }
    });

    it('sizes them at 20–50 % of the base size', () => {
      for (const o of plans.flatMap(creates)) {
        expect(new Dec(o.quantity).gte('0.2') && new Dec(o.quantity).lte('0.5')).toBe(true);
      }
    });

    it('places them in the first depth stage, 0.5–1.5 % from the reference', () => {
      for (const o of plans.flatMap(creates)) {
        // one 0.001 tick is 0.004 % of 25: rounding outward may add that much
        expect(spreadPct(o.price, 25).gte('0.5') && spreadPct(o.price, 25).lte('1.504')).toBe(true);
      }
    });

    it('cancels 4–6 of the oldest orders', () => {
      for (const p of plans) {
        const cancelled = new Set(cancels(p).map((c) => c.orderHash));
        expect(cancelled.size).toBeGreaterThanOrEqual(4);
        expect(cancelled.size).toBeLessThanOrEqual(6);
        const newestCancelled = Math.max(...ownOrders.filter((o) => cancelled.has(o.orderHash)).map((o) => o.createdAtMs));
        const oldestKept = Math.min(...ownOrders.filter((o) => !cancelled.has(o.orderHash)).map((o) => o.createdAtMs));
        expect(newestCancelled).toBeLessThanOrEqual(oldestKept);
      }
    });

    it('hands the next cycle the next depth stage', () => {
      expect(plans.every((p) => p.nextCycleState.stage === 1)).toBe(true);
    });
  });

  describe('when the next cycle runs the second depth stage', () => {
    const next = plan(1);

    it('places its orders 1.5–3 % from the reference', () => {
      expect(creates(next).length).toBeGreaterThanOrEqual(10);
      for (const o of creates(next)) {
        expect(spreadPct(o.price, 25).gte('1.5') && spreadPct(o.price, 25).lte('3.004')).toBe(true);
      }
      expect(next.nextCycleState.stage).toBe(2);
    });
  });

  describe('when the last depth stage has run', () => {
    it('starts over at the first', () => {
      const last = plan(3);
      expect(creates(last).length).toBeGreaterThanOrEqual(10);
      for (const o of creates(last)) expect(spreadPct(o.price, 25).gte('5') && spreadPct(o.price, 25).lte('8.004')).toBe(true);
      expect(last.nextCycleState.stage).toBe(0);
    });
  });

  describe('when some of the bot’s bids sit above the reference', () => {
    // eight fresh bids at 25.10–25.24: newer than everything else, and inside the band of new asks
    const stale = Array.from({ length: 8 }, (_, i) => own(200 + i, 'buy', new Dec('25.1').add(new Dec('0.02').mul(i))));
    const p = plan(0, 3, [...ownOrders, ...stale]);

    it('cancels those first', () => {
      const cancelled = cancels(p).map((c) => c.orderHash);
      expect(cancelled.length).toBeGreaterThanOrEqual(4);
      expect(cancelled.every((h) => stale.some((o) => o.orderHash === h))).toBe(true);
    });

    it('keeps every new ask above the bids it could not cancel yet', () => {
      const cancelled = new Set(cancels(p).map((c) => c.orderHash));
      const highestKeptBid = Dec.max(...stale.filter((o) => !cancelled.has(o.orderHash)).map((o) => new Dec(o.price)));
      const asks = ofSide(creates(p), 'sell');
      expect(asks.length).toBeGreaterThan(0);
      expect(asks.every((o) => new Dec(o.price).gt(highestKeptBid))).toBe(true);
    });
  });
});

import { Dec } from '@mirrorbook/market';
import type { PlanningBook } from './cycle.planner';
import { planCycle } from './cycle.planner';
import type { OwnOrder } from './own-order.model';
import { createSeededRng } from './seeded-rng.factory';
import { cancels, creates, cycleInput, hash, ofSide, own } from './testing/strategy.fixtures';

const levels = (from: string, step: string, n = 30) =>
  Array.from({ length: n }, (_, i) => ({ price: new Dec(from).add(new Dec(step).mul(i)).toFixed(), quantity: '2' }));
const book = (bids: PlanningBook['bids'], asks: PlanningBook['asks']): PlanningBook => ({
  bids,
  asks,
  orderCount: bids.length + asks.length,
  seq: 1,
  height: 1,
});

const plan = (b: PlanningBook, ownOrders: OwnOrder[] = [], seed = 1) =>
  planCycle(cycleInput({ book: b, ownOrders, rng: createSeededRng(seed) }));

describe('repricing', () => {
  describe('when testnet trades 5 % above the reference with good depth', () => {
    // bids 26.00 down, asks 26.50 up: mid 26.25 against 25.00
    const above = book(levels('26', '-0.02'), levels('26.5', '0.02'));
    // the bot's own bids at the top of the book hold the price up; its asks rest above
    const ownOrders = [
      ...Array.from({ length: 6 }, (_, i) => own(i, 'buy', new Dec('26').sub(new Dec('0.02').mul(i)), { quantity: new Dec(2) })),
      ...Array.from({ length: 4 }, (_, i) => own(10 + i, 'sell', new Dec('26.5').add(new Dec('0.02').mul(i)))),
    ];
    const plans = [1, 2, 3, 4, 5].map((seed) => plan(above, ownOrders, seed));

    it('reprices', () => {
      expect(plans.every((p) => p.phase === 'REPRICING')).toBe(true);
    });

    it('cancels all six of its bids above the reference at once, and none of its asks', () => {
      for (const p of plans) expect(cancels(p).map((c) => c.orderHash)).toEqual([0, 1, 2, 3, 4, 5].map(hash));
    });

    it('places 5–8 maker asks between the bids left after its cancels and the testnet mid', () => {
      for (const p of plans) {
        const highestBidLeft = new Dec('26').sub(new Dec('0.02').mul(cancels(p).length));
        const asks = creates(p);
        expect(asks.length).toBeGreaterThanOrEqual(5);
        expect(asks.length).toBeLessThanOrEqual(8);
        for (const o of asks) {
          expect(o.side).toBe('sell');
          expect(o.postOnly).toBe(true);
          expect(new Dec(o.price).gt(highestBidLeft) && new Dec(o.price).lte('26.25')).toBe(true);
        }
      }
    });

    it('sizes them like maintenance orders (20–50 % of the base size)', () => {
      for (const o of plans.flatMap(creates)) expect(new Dec(o.quantity).gte('0.2') && new Dec(o.quantity).lte('0.5')).toBe(true);
    });
  });

  describe('when the bot has fewer orders on the wrong side than maintenance would cancel', () => {
    const above = book(levels('26', '-0.02'), levels('26.5', '0.02'));
    // one bid above the reference, eight asks resting above the testnet mid
    const ownOrders = [
      own(0, 'buy', new Dec('26')),
      ...Array.from({ length: 8 }, (_, i) => own(10 + i, 'sell', new Dec('26.5').add(new Dec('0.1').mul(i)))),
    ];
    const plans = [1, 2, 3, 4, 5].map((seed) => plan(above, ownOrders, seed));

    it('cancels that bid first, then the farthest asks, 4–6 in all', () => {
      for (const p of plans) {
        const cancelled = cancels(p).map((c) => c.orderHash);
        expect(cancelled.length).toBeGreaterThanOrEqual(4);
        expect(cancelled.length).toBeLessThanOrEqual(6);
        expect(cancelled).toEqual([0, 17, 16, 15, 14, 13].slice(0, cancelled.length).map(hash));
      }
    });
  });

  describe('when testnet trades 5 % below the reference with good depth', () => {
    // asks 24.00 up, bids 23.50 down: mid 23.75
    const below = plan(book(levels('23.5', '-0.02'), levels('24', '0.02')));

    it('places maker bids between the testnet mid and the best ask', () => {
      expect(below.phase).toBe('REPRICING');
      const bids = ofSide(creates(below), 'buy');
      expect(bids.length).toBeGreaterThanOrEqual(5);
      expect(creates(below)).toHaveLength(bids.length);
      for (const o of bids) expect(new Dec(o.price).gte('23.75') && new Dec(o.price).lt('24')).toBe(true);
    });
  });

  describe('when only one tick lies between the best bid and the mid', () => {
    // best bid 26.249, best ask 26.251: the mid 26.25 is the only free tick
    const tight = plan(book(levels('26.249', '-0.001', 40), levels('26.251', '0.001', 40)));

    it('places a single ask there', () => {
      expect(tight.phase).toBe('REPRICING');
      expect(creates(tight).map((o) => [o.side, o.price])).toEqual([['sell', '26.25']]);
    });
  });

  describe('when no tick lies between the best bid and the mid', () => {
    const closed = plan(book(levels('26.249', '-0.001', 40), levels('26.25', '0.001', 40)));

    it('places nothing and says why', () => {
      expect(closed.phase).toBe('REPRICING');
      expect(closed.actions).toEqual([]);
      expect(closed.notes).toContain('no free tick between the reference and the testnet mid');
    });
  });
});

import { Dec } from '@mirrorbook/market';
import { planCycle } from './cycle.planner';
import { createSeededRng } from './seeded-rng.factory';
import { cancels, creates, cycleInput, ladderBook, NOW, ofSide, own, params, sum } from './testing/strategy.fixtures';

// Testnet trades around 25.00 with 50 levels (bids 24.99…24.75, asks 25.01…25.25); mainnet is at
// 12.50. The bot's 20 orders sit at the top of that book: bids 24.90–24.99, asks 25.01–25.10.
const book = ladderBook('25', 25, '0.01');
const ownOrders = Array.from({ length: 10 }, (_, i) => [
  own(i, 'buy', new Dec('24.99').sub(new Dec('0.01').mul(i)), { createdAtMs: NOW - 1000 * i }),
  own(100 + i, 'sell', new Dec('25.01').add(new Dec('0.01').mul(i)), { createdAtMs: NOW - 1000 * i }),
]).flat();
const reference = { price: new Dec('12.50'), seq: 3 };

describe('market moving', () => {
  describe('when the gap is above 15 % and the book has depth (testnet 25.00, reference 12.50)', () => {
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    const plans = seeds.map((seed) => planCycle(cycleInput({ book, ownOrders, reference, rng: createSeededRng(seed) })));

    it('moves the market', () => {
      expect(plans.map((p) => p.phase)).toEqual(seeds.map(() => 'MARKET_MOVING'));
    });

    it('cancels 8–12 of the orders farthest from the reference', () => {
      for (const plan of plans) {
        const cancelled = new Set(cancels(plan).map((c) => c.orderHash));
        expect(cancelled.size).toBeGreaterThanOrEqual(8);
        expect(cancelled.size).toBeLessThanOrEqual(12);
        const distance = (o: (typeof ownOrders)[number]) => new Dec(o.price).sub('12.5').abs();
        const nearestCancelled = Dec.min(...ownOrders.filter((o) => cancelled.has(o.orderHash)).map(distance));
        const farthestKept = Dec.max(...ownOrders.filter((o) => !cancelled.has(o.orderHash)).map(distance));
        expect(nearestCancelled.gte(farthestKept)).toBe(true);
      }
    });

    it('places 6–10 orders within 0.1–1 % of the reference', () => {
      for (const plan of plans) {
        const orders = creates(plan);
        expect(orders.length).toBeGreaterThanOrEqual(6);
        expect(orders.length).toBeLessThanOrEqual(10);
        for (const o of orders) {
          // 1 % of 12.50 is 0.125, and rounding moves an order at most one 0.001 tick further out
          const distance = new Dec(o.price).sub('12.5').abs();
          expect(distance.gte('0.0125')).toBe(true);
          expect(distance.lte('0.126')).toBe(true);
        }
      }
    });

    it('sizes them at 50–100 % of the base size', () => {
      for (const o of plans.flatMap(creates)) {
        expect(new Dec(o.quantity).gte('0.5') && new Dec(o.quantity).lte('1')).toBe(true);
      }
    });

    it('sells through the overpriced bids and supports the new price with maker bids below the reference', () => {
      for (const plan of plans) {
        const sells = ofSide(creates(plan), 'sell');
        const buys = ofSide(creates(plan), 'buy');
        expect(sells.length).toBeGreaterThanOrEqual(3);
        expect(sells.every((o) => !o.postOnly && new Dec(o.price).gt('12.5'))).toBe(true);
        expect(buys.every((o) => o.postOnly && new Dec(o.price).lt('12.5'))).toBe(true);
      }
    });

    it('lists the cancels before the creates', () => {
      for (const plan of plans) {
        const firstCreate = plan.actions.findIndex((a) => a.type === 'create');
        expect(plan.actions.slice(firstCreate).every((a) => a.type === 'create')).toBe(true);
      }
    });
  });

  describe('when testnet trades far below the reference', () => {
    const low = planCycle(cycleInput({ book: ladderBook('10', 25, '0.01'), reference, ownOrders: [] }));

    it('buys through the underpriced asks and supports with maker asks above the reference', () => {
      expect(low.phase).toBe('MARKET_MOVING');
      expect(ofSide(creates(low), 'buy').every((o) => !o.postOnly && new Dec(o.price).lt('12.5'))).toBe(true);
      expect(ofSide(creates(low), 'sell').every((o) => o.postOnly && new Dec(o.price).gt('12.5'))).toBe(true);
    });

    it('cancels nothing when the bot has no orders', () => {
      expect(cancels(low)).toHaveLength(0);
    });
  });

  describe('when the taker notional cap is small (20 USDT)', () => {
    const capped = [1, 2, 3, 4].map((seed) =>
      planCycle(
        cycleInput({
          book,
          ownOrders,
          reference,
          params: params({ marketMoving: { maxTakerNotionalPerCycle: '20' } }),
          rng: createSeededRng(seed),
        }),
      ),
    );

    it('keeps what the taking orders can fill (at up to the best bid, 24.99) within the cap', () => {
      for (const plan of capped) {
        const taking = creates(plan).filter((o) => !o.postOnly);
        expect(taking.length).toBeGreaterThan(0);
        expect(sum(taking.map((o) => new Dec(o.quantity).mul('24.99'))).lte(20)).toBe(true);
      }
    });
  });

  describe('when the taker notional cap is 0', () => {
    const plan = planCycle(cycleInput({ book, ownOrders, reference, params: params({ marketMoving: { maxTakerNotionalPerCycle: '0' } }) }));

    it('takes no liquidity and says why', () => {
      expect(creates(plan).every((o) => o.postOnly)).toBe(true);
      expect(ofSide(creates(plan), 'sell')).toHaveLength(0);
      expect(plan.notes.join()).toContain('sell dropped: taker-cap');
    });
  });
});

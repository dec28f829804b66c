import { Dec } from '@mirrorbook/market';
import { planCycle } from './cycle.planner';
import { creates, cycleInput, fixtureMarket, ofSide, sum } from './testing/strategy.fixtures';

// INJ/USDT spot at 25.00 on an empty book: a staircase of 27 bids and 27 asks of ~1 INJ each
const market = fixtureMarket('INJ/USDT');
const fee = Dec.max(market.makerFeeRate, market.takerFeeRate, 0);
const build = (base: string, quote: string) =>
  planCycle(cycleInput({ market, balances: { base: new Dec(base), quote: new Dec(quote) } }));

describe('spot balances', () => {
  describe('when the available base covers about 5 asks', () => {
    const plan = build('5', '1000000');
    const sells = ofSide(creates(plan), 'sell');

    it('sells no more than the available base', () => {
      expect(sum(sells.map((o) => o.quantity)).lte(5)).toBe(true);
      expect(sells.length).toBeGreaterThanOrEqual(4);
      expect(sells.length).toBeLessThan(27);
    });

    it('funds the asks nearest the reference first', () => {
      const prices = sells.map((o) => new Dec(o.price));
      expect(Dec.max(...prices).lt('25.02')).toBe(true);
    });

    it('says the rest were dropped for lack of balance', () => {
      expect(plan.notes.some((n) => /^\d+ sell dropped: budget$/.test(n))).toBe(true);
    });
  });

  describe('when the available quote covers about 2 bids', () => {
    const plan = build('1000', '50');

    it('locks no more than the available quote, fees included', () => {
      const buys = ofSide(creates(plan), 'buy');
      const locked = sum(buys.map((o) => new Dec(o.price).mul(o.quantity).mul(fee.add(1))));
      expect(locked.lte(50)).toBe(true);
      expect(buys.length).toBeGreaterThanOrEqual(1);
      expect(buys.length).toBeLessThanOrEqual(3);
    });

    it('does not touch the other side', () => {
      expect(ofSide(creates(plan), 'sell')).toHaveLength(27);
    });
  });

  describe('when there is no base at all', () => {
    it('plans no asks', () => {
      expect(ofSide(creates(build('0', '1000000')), 'sell')).toHaveLength(0);
    });
  });

  describe('when the balances are missing', () => {
    it('refuses to plan with MISSING_BALANCES', () => {
      expect(() => planCycle(cycleInput({ balances: undefined }))).toThrow(expect.objectContaining({ code: 'MISSING_BALANCES' }));
    });
  });
});

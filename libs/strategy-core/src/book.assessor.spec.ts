import { Dec } from '@mirrorbook/market';
import { assess } from './book.assessor';
import { StrategyInputError } from './strategy-input.error';
import { emptyBook, ladderBook, NOW, own } from './testing/strategy.fixtures';

describe('assess', () => {
  describe('when the book has both sides', () => {
    const book = ladderBook('26', 3, '0.1');

    it('measures the gap from the mid of the best bid and ask', () => {
      const a = assess(book, '25', [], NOW);
      expect(a.mid?.toFixed()).toBe('26');
      expect(a.gapPct?.toFixed()).toBe('4');
    });

    it('reports a negative gap when testnet trades below the reference', () => {
      expect(assess(book, '27.08', [], NOW).gapPct?.toDecimalPlaces(4).toFixed()).toBe('-3.9882');
    });

    it('reports the spread between the best prices', () => {
      expect(assess(book, '25', [], NOW).spread?.toFixed()).toBe('0.2');
    });

    it('takes the total order count from the snapshot', () => {
      expect(assess({ ...book, orderCount: 140 }, '25', [], NOW).totalOrders).toBe(140);
    });
  });

  describe('when the book is one-sided', () => {
    const asksOnly = { ...ladderBook('26', 3, '0.1'), bids: [], orderCount: 3 };

    it('uses the only best price as the mid', () => {
      const a = assess(asksOnly, '25', [], NOW);
      expect(a.mid?.toFixed()).toBe('26.1');
      expect(a.gapPct?.toFixed()).toBe('4.4');
      expect(a.spread).toBeNull();
    });
  });

  describe('when the book is empty', () => {
    it('has no mid and no gap', () => {
      const a = assess(emptyBook, '25', [], NOW);
      expect(a.mid).toBeNull();
      expect(a.gapPct).toBeNull();
      expect(a.nearOrders).toBe(0);
    });
  });

  describe('when counting orders near the reference', () => {
    // levels every 0.25 from 25 (near band at 5 %: 23.75–26.25 inclusive)
    const book = ladderBook('25', 10, '0.25');

    it('counts the levels within nearPct on both sides, ends included', () => {
      expect(assess(book, '25', [], NOW, '5').nearOrders).toBe(10);
    });

    it('honours another nearPct', () => {
      expect(assess(book, '25', [], NOW, '1').nearOrders).toBe(2);
    });
  });

  describe("when measuring the bot's own orders", () => {
    const orders = [own(1, 'buy', '24.5'), own(2, 'buy', '25.5'), own(3, 'sell', '25'), own(4, 'sell', '26', { createdAtMs: NOW + 5 })];
    const assessed = assess(emptyBook, '25', orders, NOW).ownOrders;

    it('gives each its distance from the reference in percent', () => {
      expect(assessed.map((o) => o.distancePct.toFixed())).toEqual(['2', '2', '0', '4']);
    });

    it('flags bids at or above and asks at or below the reference as on the wrong side', () => {
      expect(assessed.map((o) => o.wrongSide)).toEqual([false, true, true, false]);
    });

    it('gives each its age, never negative', () => {
      expect(assessed.map((o) => o.ageMs)).toEqual([60_000 - 1, 60_000 - 2, 60_000 - 3, 0]);
    });
  });

  describe('when the reference is not positive', () => {
    it('refuses it with INVALID_REFERENCE', () => {
      expect(() => assess(emptyBook, new Dec(0), [], NOW)).toThrow(
        expect.objectContaining({ code: 'INVALID_REFERENCE' }) as StrategyInputError,
      );
    });
  });
});

import { Dec } from '@mirrorbook/market';
import type { BookAssessment } from './book.assessor';
import { selectPhase } from './phase.selector';
import { params } from './testing/strategy.fixtures';

// the spread defaults to 0.02 (0.08 % of the reference 25, inside the 0.2 % maximum)
function assessment(gapPct: string | null, totalOrders: number, nearOrders = totalOrders, spread: string | null = '0.02'): BookAssessment {
  return {
    reference: new Dec(25),
    bestBid: null,
    bestAsk: null,
    mid: null,
    gapPct: gapPct === null ? null : new Dec(gapPct),
    spread: spread === null ? null : new Dec(spread),
    totalOrders,
    nearOrders,
    ownOrders: [],
  };
}

describe('selectPhase', () => {
  const defaults = params();

  describe('when the gap is above 15 % and the book holds more than 30 orders', () => {
    it('moves the market', () => {
      expect(selectPhase(assessment('100', 60), defaults)).toBe('MARKET_MOVING');
      expect(selectPhase(assessment('-15.01', 31), defaults)).toBe('MARKET_MOVING');
    });

    it('moves the market even when depth is poor (market moving takes precedence)', () => {
      expect(selectPhase(assessment('40', 40, 0), defaults)).toBe('MARKET_MOVING');
    });
  });

  describe('when the gap is above 15 % but the book holds 30 orders or fewer', () => {
    it('builds the book', () => {
      expect(selectPhase(assessment('40', 30), defaults)).toBe('BOOK_BUILDING');
    });
  });

  describe('when the book is empty (no gap can be measured)', () => {
    it('builds the book', () => {
      expect(selectPhase(assessment(null, 0), defaults)).toBe('BOOK_BUILDING');
    });
  });

  describe('when depth is poor', () => {
    it('builds the book below 50 orders in total, whatever the gap', () => {
      expect(selectPhase(assessment('0.5', 49), defaults)).toBe('BOOK_BUILDING');
      expect(selectPhase(assessment('8', 49), defaults)).toBe('BOOK_BUILDING');
    });

    it('builds the book below 20 orders near the price', () => {
      expect(selectPhase(assessment('0.5', 80, 19), defaults)).toBe('BOOK_BUILDING');
    });
  });

  describe('when the gap is below 2 % and depth is good', () => {
    it('maintains the book', () => {
      expect(selectPhase(assessment('1.99', 50, 20), defaults)).toBe('MAINTENANCE');
      expect(selectPhase(assessment('-1', 80), defaults)).toBe('MAINTENANCE');
    });
  });

  describe('when the gap is below 2 % and depth is good but the spread is wider than 0.2 %', () => {
    it('builds the book (refills the tight levels that maintenance cancels wore down)', () => {
      expect(selectPhase(assessment('0.2', 80, 80, '0.051'), defaults)).toBe('BOOK_BUILDING');
      expect(selectPhase(assessment('-1.5', 80, 80, '0.5'), defaults)).toBe('BOOK_BUILDING');
    });

    it('builds the book when it is one-sided', () => {
      expect(selectPhase(assessment('0.2', 80, 80, null), defaults)).toBe('BOOK_BUILDING');
    });

    it('maintains the book at a spread of exactly 0.2 %', () => {
      expect(selectPhase(assessment('0', 80, 80, '0.05'), defaults)).toBe('MAINTENANCE');
    });

    it('leaves the repricing band alone', () => {
      expect(selectPhase(assessment('5', 80, 80, '0.5'), defaults)).toBe('REPRICING');
    });

    it('uses the configured maximum', () => {
      expect(selectPhase(assessment('0.2', 80, 80, '0.1'), params({ bookBuilding: { maxSpreadPct: '0.4' } }))).toBe('MAINTENANCE');
    });
  });

  describe('when the gap is between 2 % and 15 % (both included) and depth is good', () => {
    it('reprices', () => {
      expect(selectPhase(assessment('2', 80), defaults)).toBe('REPRICING');
      expect(selectPhase(assessment('-7.5', 80), defaults)).toBe('REPRICING');
      expect(selectPhase(assessment('15', 80), defaults)).toBe('REPRICING');
    });
  });

  describe('when the thresholds are configured', () => {
    const custom = params({ marketMoving: { gapAbovePct: '5', minOrders: 10 }, maintenance: { gapBelowPct: '0.5' } });

    it('uses them instead of the defaults', () => {
      expect(selectPhase(assessment('6', 60), custom)).toBe('MARKET_MOVING');
      expect(selectPhase(assessment('1', 60), custom)).toBe('REPRICING');
      expect(selectPhase(assessment('0.4', 60), custom)).toBe('MAINTENANCE');
    });
  });
});

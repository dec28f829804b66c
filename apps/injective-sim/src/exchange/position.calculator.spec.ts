import fc from 'fast-check';
import { Dec } from '@mirrorbook/market';
import type Decimal from 'decimal.js';
import { applyPositionFill, type PositionState } from './position.calculator';

const d = (v: string | number): Decimal => new Dec(v);

describe('applyPositionFill', () => {
  describe('when there is no position', () => {
    it('opens one at the fill price with the order margin', () => {
      const r = applyPositionFill(null, false, d(2), d(10), d(3));
      expect(r.position).toEqual({ isLong: false, quantity: d(2), entryPrice: d(10), margin: d(3) });
      expect(r.marginUsed.toFixed()).toBe('3');
      expect(r.realizedPnl.toFixed()).toBe('0');
    });
  });

  describe('when a short is partly bought back', () => {
    it('realizes the PnL of the closed part and releases its share of margin', () => {
      const short: PositionState = { isLong: false, quantity: d(4), entryPrice: d(10), margin: d(8) };
      const r = applyPositionFill(short, true, d(1), d(9), d(5));
      expect(r.realizedPnl.toFixed()).toBe('1');
      expect(r.marginReleased.toFixed()).toBe('2');
      expect(r.marginUsed.toFixed()).toBe('0');
      expect(r.position).toEqual({ isLong: false, quantity: d(3), entryPrice: d(10), margin: d(6) });
    });
  });

  it('keeps the signed size equal to the sum of signed fills and the margin non-negative', () => {
    const fill = fc.record({
      isBuy: fc.boolean(),
      quantity: fc.integer({ min: 1, max: 1000 }),
      price: fc.integer({ min: 1, max: 100000 }),
      margin: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.array(fill, { maxLength: 30 }), (fills) => {
        let position: PositionState | null = null;
        let signed = d(0);
        for (const f of fills) {
          const q = d(f.quantity).div(1000);
          const r = applyPositionFill(position, f.isBuy, q, d(f.price).div(1000), d(f.margin));
          position = r.position;
          signed = f.isBuy ? signed.add(q) : signed.sub(q);
          if (position && (position.margin.lt(0) || position.quantity.lte(0))) return false;
        }
        const actual = position ? (position.isLong ? position.quantity : position.quantity.neg()) : d(0);
        return actual.eq(signed);
      }),
    );
  });
});

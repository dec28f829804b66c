import { Dec } from '@mirrorbook/market';
import { nextBookLevels } from './book-depth.planner';

/** `n` levels a side around 10, `step` apart. */
function ladder(n: number, step: string) {
  const s = new Dec(step);
  return {
    bids: Array.from({ length: n }, (_, i) => ({ price: new Dec('9.99').minus(s.times(i)), quantity: new Dec(1) })),
    asks: Array.from({ length: n }, (_, i) => ({ price: new Dec('10.01').plus(s.times(i)), quantity: new Dec(1) })),
  };
}

describe('nextBookLevels', () => {
  it('keeps the limit when the book came back shorter than asked (nothing was cut)', () => {
    expect(nextBookLevels(50, ladder(20, '0.001'), 10)).toBe(50);
  });

  it('keeps the limit when a full side already reaches the depth band', () => {
    expect(nextBookLevels(50, ladder(50, '0.05'), 10)).toBe(50);
  });

  it('doubles the limit when a full side stops short of the depth band', () => {
    expect(nextBookLevels(50, ladder(50, '0.001'), 10)).toBe(100);
  });

  it('never asks for more than the maximum', () => {
    expect(nextBookLevels(800, ladder(800, '0.0001'), 10, 1000)).toBe(1000);
  });

  it('leaves an empty book alone', () => {
    expect(nextBookLevels(50, { bids: [], asks: [] }, 10)).toBe(50);
  });
});

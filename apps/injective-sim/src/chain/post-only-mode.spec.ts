import { blockRulesAt, isPostOnlyModeAt, postOnlyThresholdFor } from './post-only-mode';

describe('post-only mode', () => {
  it('holds below the threshold height and ends at it, as injective-core IsPostOnlyMode', () => {
    expect([4, 5, 6].map((height) => isPostOnlyModeAt(6, height))).toEqual([true, true, false]);
    expect(isPostOnlyModeAt(0, 0)).toBe(false);
  });

  it('covers exactly the next N blocks from the latest height', () => {
    const threshold = postOnlyThresholdFor(10, 3);
    expect([11, 12, 13, 14].map((height) => blockRulesAt(threshold, height).postOnlyMode)).toEqual([true, true, true, false]);
  });
});

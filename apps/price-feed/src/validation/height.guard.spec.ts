import fc from 'fast-check';
import { INITIAL_HEIGHT_GUARD, observeHeight, type HeightGuardState } from './height.guard';

function run(heights: number[], rebaseAfter = 3) {
  let state: HeightGuardState = INITIAL_HEIGHT_GUARD;
  return heights.map((h) => {
    const out = observeHeight(state, h, rebaseAfter);
    state = out.state;
    return out.verdict;
  });
}

describe('observeHeight', () => {
  it('accepts the first height and every height at or above the last accepted', () => {
    expect(run([100, 100, 101, 150])).toEqual(['accept', 'accept', 'accept', 'accept']);
  });

  describe('when a height goes backwards', () => {
    it('refuses a lagging node that answers once from the past', () => {
      expect(run([100, 99, 101])).toEqual(['accept', 'regressed', 'accept']);
    });

    it('adopts a restarted chain once three reads in a row agree on the new lineage', () => {
      expect(run([500, 3, 4, 4, 5])).toEqual(['accept', 'regressed', 'regressed', 'rebased', 'accept']);
    });

    it('starts counting again when the lower heights are not a lineage', () => {
      expect(run([500, 40, 30, 20, 25, 26])).toEqual(['accept', 'regressed', 'regressed', 'regressed', 'regressed', 'rebased']);
    });
  });

  it('never accepts a height below the accepted one except by a rebase', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1000 }), { maxLength: 60 }), fc.integer({ min: 1, max: 5 }), (heights, k) => {
        let state: HeightGuardState = INITIAL_HEIGHT_GUARD;
        for (const h of heights) {
          const before = state.accepted;
          const { state: next, verdict } = observeHeight(state, h, k);
          if (verdict === 'accept' && before !== null && h < before) return false;
          if (verdict === 'regressed' && next.accepted !== before) return false;
          state = next;
        }
        return true;
      }),
    );
  });
});

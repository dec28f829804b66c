import fc from 'fast-check';
import { nextSeq, SequenceAllocator } from './sequence.allocator';

describe('nextSeq', () => {
  it('is the time in ms for a new stream', () => {
    expect(nextSeq(undefined, 1_700_000_000_000)).toBe(1_700_000_000_000);
  });

  it('moves past the previous seq when two messages share a millisecond', () => {
    expect(nextSeq(1_700_000_000_000, 1_700_000_000_000)).toBe(1_700_000_000_001);
  });

  it('is strictly increasing whatever the clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 2_000_000_000_000 }), { minLength: 1, maxLength: 100 }), (clock) => {
        let previous: number | undefined;
        for (const now of clock) {
          const seq = nextSeq(previous, now);
          if (previous !== undefined && seq <= previous) return false;
          previous = seq;
        }
        return true;
      }),
    );
  });
});

describe('SequenceAllocator', () => {
  it('continues above what an earlier run published, even with a clock behind it (restart)', () => {
    const allocator = new SequenceAllocator(() => 1000);
    allocator.seed('book:sim:trading:inj-usdt', 5000);
    expect([allocator.next('book:sim:trading:inj-usdt'), allocator.next('book:sim:trading:inj-usdt')]).toEqual([5001, 5002]);
  });

  it('keeps one sequence per key', () => {
    let now = 1000;
    const allocator = new SequenceAllocator(() => now);
    allocator.next('a');
    allocator.next('a');
    now = 1001;
    expect([allocator.next('b'), allocator.next('a')]).toEqual([1001, 1002]);
  });
});

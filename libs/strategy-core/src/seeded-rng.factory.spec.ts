import { createSeededRng } from './seeded-rng.factory';

/** The published mulberry32, as a reference. */
function mulberry32(a: number): () => number {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const take = (next: () => number, n: number) => Array.from({ length: n }, () => next());

describe('createSeededRng', () => {
  it('produces the mulberry32 sequence of its seed', () => {
    for (const seed of [0, 1, 42, 0xdeadbeef, 2 ** 32 - 1]) {
      const rng = createSeededRng(seed);
      expect(take(() => rng.next(), 50)).toEqual(take(mulberry32(seed), 50));
    }
  });

  it('differs between seeds', () => {
    const a = createSeededRng(1);
    const b = createSeededRng(2);
    expect(take(() => a.next(), 5)).not.toEqual(take(() => b.next(), 5));
  });

  it('stays within [0, 1) and spreads evenly', () => {
    const rng = createSeededRng(7);
    const values = take(() => rng.next(), 20_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });

  describe('when resumed from its state', () => {
    it('continues the same sequence', () => {
      const rng = createSeededRng(99);
      take(() => rng.next(), 10);
      const resumed = createSeededRng(rng.state);
      expect(take(() => resumed.next(), 10)).toEqual(take(() => rng.next(), 10));
    });
  });

  describe('when seeded with a string', () => {
    it('derives the same sequence from the same string, another from another', () => {
      const a = take(() => createSeededRng('spot-inj:inj-usdt:41').next(), 1);
      expect(take(() => createSeededRng('spot-inj:inj-usdt:41').next(), 1)).toEqual(a);
      expect(take(() => createSeededRng('spot-inj:inj-usdt:42').next(), 1)).not.toEqual(a);
    });
  });
});

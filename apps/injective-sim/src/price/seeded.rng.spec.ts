import { SeededRng } from './seeded.rng';

const draw = (rng: SeededRng, n: number): number[] => Array.from({ length: n }, () => rng.next());

describe('SeededRng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    expect(draw(new SeededRng('a'), 50)).toEqual(draw(new SeededRng('a'), 50));
    expect(draw(new SeededRng('a'), 50)).not.toEqual(draw(new SeededRng('b'), 50));
    expect(draw(new SeededRng(7), 5)).toEqual(draw(new SeededRng('7'), 5));
  });

  describe('when a stream is forked', () => {
    it('does not depend on how much the parent or a sibling has drawn', () => {
      const quiet = new SeededRng('s');
      const busy = new SeededRng('s');
      draw(busy, 100);
      draw(busy.fork('other'), 100);
      expect(draw(busy.fork('price'), 20)).toEqual(draw(quiet.fork('price'), 20));
      expect(draw(quiet.fork('price'), 20)).not.toEqual(draw(quiet.fork('depth'), 20));
    });
  });

  it('draws uniforms in range and normals and Poisson counts with the right moments', () => {
    const rng = new SeededRng('moments');
    const n = 20000;
    const uniforms = Array.from({ length: n }, () => rng.uniform(2, 5));
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...uniforms)).toBeLessThan(5);

    const normals = Array.from({ length: n }, () => rng.normal(1, 2));
    const mean = normals.reduce((a, b) => a + b, 0) / n;
    const variance = normals.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    expect(mean).toBeCloseTo(1, 1);
    expect(Math.sqrt(variance)).toBeCloseTo(2, 1);

    for (const lambda of [0.3, 4, 50]) {
      const counts = Array.from({ length: n }, () => rng.poisson(lambda));
      expect(counts.every((c) => Number.isInteger(c) && c >= 0)).toBe(true);
      expect(counts.reduce((a, b) => a + b, 0) / n).toBeCloseTo(lambda, lambda > 10 ? 0 : 1);
    }
    expect(rng.poisson(0)).toBe(0);
  });

  it('rejects a negative Poisson mean', () => {
    expect(() => new SeededRng(1).poisson(-1)).toThrow(RangeError);
  });
});

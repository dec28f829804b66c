import type { Rng } from './seeded-rng.factory';

/** Draws from an `Rng`; every planner samples through these so the draw order is explicit. */
export const draw = {
  /** uniform in [min, max] (max itself only in the limit) */
  uniform(rng: Rng, min: number, max: number): number {
    return min + (max - min) * rng.next();
  },
  /** a uniform integer in [min, max], both inclusive */
  int(rng: Rng, min: number, max: number): number {
    return min + Math.floor(rng.next() * (max - min + 1));
  },
  /** +1 or −1 with equal odds */
  sign(rng: Rng): 1 | -1 {
    return rng.next() < 0.5 ? -1 : 1;
  },
};

import { fnv1a } from './fnv1a.hash';

/**
 * A source of uniform numbers in [0, 1). The strategy core never touches `Math.random`: the
 * caller passes one of these in, so the same seed replays the same intent.
 */
export interface Rng {
  /** the next uniform number in [0, 1) */
  next(): number;
}

/** A mulberry32 generator whose state can be persisted and resumed. */
export interface SeededRng extends Rng {
  /** the internal 32-bit state; `createSeededRng(rng.state)` continues the same sequence */
  readonly state: number;
}

/**
 * A deterministic mulberry32 generator. `seed` is a 32-bit integer (other numbers are truncated
 * to their low 32 bits) or a string hashed with FNV-1a, e.g. `${bot}:${market}:${bookSeq}`, so a
 * stateless worker can derive the seed from the inputs it plans from.
 */
export function createSeededRng(seed: number | string): SeededRng {
  let state = typeof seed === 'string' ? fnv1a(seed) : seed >>> 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    get state(): number {
      return state;
    },
  };
}

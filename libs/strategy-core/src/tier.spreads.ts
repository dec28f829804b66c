import type { CompiledTier } from './strategy-params.compiler';

/**
 * The spread of each of a tier's levels, percent: level i of n in the middle of its slice of the
 * tier's spread range.
 */
export function tierLevelSpreads(tier: CompiledTier): number[] {
  return Array.from({ length: tier.levels }, (_, i) => tier.spread.min + ((tier.spread.max - tier.spread.min) * (i + 0.5)) / tier.levels);
}

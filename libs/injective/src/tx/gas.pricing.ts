import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';
import { MAX_GAS_PER_TX } from './gas.estimator';

/** Default margin over the gas a simulation used (fixed gas off). */
export const DEFAULT_SIMULATE_GAS_MARGIN = '1.3';

/**
 * The gas price to sign, base units of `inj` per gas unit, an integer string: the node's minimum
 * or the current EIP-1559 base fee, whichever is higher (the base fee rounded up; null = not read).
 */
export function effectiveGasPrice(minGasPrice: string, eipBaseFee: Decimal | null): string {
  const min = new Dec(minGasPrice);
  if (!min.isInteger() || min.isNegative()) throw new RangeError(`min gas price must be a non-negative integer, got ${minGasPrice}`);
  const base = eipBaseFee ? eipBaseFee.ceil() : min;
  return Dec.max(min, base).toFixed(0);
}

/** The gas limit for a tx that simulated at `gasUsed`: × `margin`, rounded up, capped at the block max. */
export function gasFromSimulation(gasUsed: number, margin: string = DEFAULT_SIMULATE_GAS_MARGIN): number {
  const factor = new Dec(margin);
  if (!factor.isFinite() || factor.lt(1)) throw new RangeError(`gas margin must be ≥ 1, got ${margin}`);
  const gas = new Dec(gasUsed).times(factor).ceil().toNumber();
  return Math.min(gas, MAX_GAS_PER_TX);
}

/** Where the gas limit of a tx comes from: the fixed table when the chain charges it, else simulate. */
export type GasSource = 'fixed-table' | 'simulate';

/** The gas source for the chain's `fixed_gas_enabled`. */
export function gasSourceOf(fixedGasEnabled: boolean): GasSource {
  return fixedGasEnabled ? 'fixed-table' : 'simulate';
}

import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';

/**
 * `value` in base units (10^-decimals of the token) as human units, exactly: the decimal point
 * is moved, no division rounds (e.g. `1500000000000000000` with 18 decimals → `1.5`).
 */
export function fromChainUnits(value: Decimal, decimals: number): Decimal {
  if (!Number.isInteger(decimals) || decimals < 0) throw new RangeError(`invalid token decimals ${decimals}`);
  return new Dec(`${value.toFixed()}e-${decimals}`);
}

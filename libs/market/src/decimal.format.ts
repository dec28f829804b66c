import type Decimal from 'decimal.js';
import { InvalidAmountError } from './invalid-amount.error';

/**
 * A decimal as a plain string for the wire: never exponent notation, no trailing zeros, no `-0`
 * (e.g. `1e-15` → `"0.000000000000001"`, `1.500` → `"1.5"`). Throws `InvalidAmountError` for
 * NaN and ±Infinity, which have no decimal representation.
 */
export function toDecimalString(d: Decimal): string {
  if (!d.isFinite()) throw new InvalidAmountError('NOT_FINITE', 'value', d.toString());
  // toFixed() without arguments prints every significant digit in normal notation and only those.
  return d.toFixed();
}

import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';

/** Base units → human units, exactly (a shift of the decimal point, no division rounding). */
export function fromBaseUnits(amount: Decimal.Value, decimals: number): Decimal {
  return new Dec(amount).mul(new Dec(10).pow(-decimals));
}

import type Decimal from 'decimal.js';

/** A LegacyDec as the LCD prints it: 18 decimals, e.g. `"25.000000000000000000"`. */
export function dec18(value: Decimal): string {
  return value.toFixed(18);
}

/** A LegacyDec or null (an empty side), as the LCD prints a nullable Dec. */
export function dec18OrNull(value: Decimal | null | undefined): string | null {
  return value ? dec18(value) : null;
}

import Decimal from 'decimal.js';

/**
 * The Decimal constructor every mirrorbook lib computes money with.
 *
 * 40 significant digits hold an 18-decimal token amount next to a price in the millions without
 * rounding; the exponent thresholds keep `toString()` in plain notation for every value that
 * Injective can express (its LegacyDec has 18 decimals), so a stray `String(d)` never prints `1e-15`.
 * Prefer `toDecimalString()` for anything that leaves the process.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });

/** Anything `Dec` accepts: a Decimal, a decimal string, or (discouraged for money) a JS number. */
export type DecimalValue = Decimal.Value;

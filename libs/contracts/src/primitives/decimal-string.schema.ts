import { z } from 'zod';

const UNSIGNED = /^(0|[1-9]\d*)(\.\d+)?$/;
const SIGNED = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** A non-negative decimal number as a plain string: no exponent, no sign, no float. */
export const decimalString = z
  .string()
  .regex(UNSIGNED, 'must be a non-negative decimal string such as "12.345" (no exponent, no sign)');

/** A strictly positive decimal string (prices, order quantities). */
export const positiveDecimalString = decimalString.refine((s) => /[1-9]/.test(s), 'must be greater than zero');

/** A signed decimal string (PnL, fees that may be rebates, position size changes). */
export const signedDecimalString = z
  .string()
  .regex(SIGNED, 'must be a decimal string such as "-1.5" (no exponent)');

/**
 * A non-negative integer that JSON and JS numbers hold exactly: `.int()` alone lets 1e300 through,
 * and above 2^53 − 1 neighbouring values compare equal.
 */
export const safeCount = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER, 'must be a safe integer (at most 2^53 − 1)');

/** Milliseconds since the Unix epoch (how far ahead of the clock it may be: `time-sanity.ts`). */
export const epochMs = safeCount;

/** A per-(network, market) monotonic sequence number. */
export const sequenceNumber = safeCount;

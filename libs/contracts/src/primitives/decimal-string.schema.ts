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

/** Milliseconds since the Unix epoch. */
export const epochMs = z.number().int().nonnegative();

/** A per-(network, market) monotonic sequence number. */
export const sequenceNumber = z.number().int().nonnegative();

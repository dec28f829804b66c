import { z } from 'zod';
import { Dec } from './decimal.config';

// Field schemas shared by the catalog and LCD parsers (internal to libs/market).

const UNSIGNED = /^(0|[1-9]\d*)(\.\d+)?$/;
const SIGNED = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** A decimal as a plain string, never a JSON number: a float would already have lost digits. */
export const signedDecimalField = z.string().regex(SIGNED, 'must be a plain decimal string such as "-0.0001"');

export const nonNegativeDecimalField = z
  .string()
  .regex(UNSIGNED, 'must be a non-negative plain decimal string such as "0.001" (no exponent)');

export const positiveDecimalField = nonNegativeDecimalField.refine((s) => /[1-9]/.test(s), 'must be greater than zero');

/** A ratio strictly between 0 and 1 (margin ratios). */
export const fractionField = nonNegativeDecimalField.refine(
  (s) => /[1-9]/.test(s) && /^0\./.test(s),
  'must be a fraction strictly between 0 and 1',
);

export const marketIdField = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be 0x followed by 64 hex digits');

/** Token decimals: 18 for INJ, 6 for USDT; anything above 36 is a data error. */
export const decimalsField = z.number().int().min(0).max(36);

export const nonEmptyField = z.string().min(1, 'must not be empty');

/** Adds an issue when the maintenance margin ratio is not below the initial one. */
export function checkMarginOrder(
  ctx: z.RefinementCtx,
  initial: string,
  maintenance: string,
  path: readonly (string | number)[],
): void {
  if (new Dec(maintenance).gte(initial)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...path], message: 'must be below the initial margin ratio' });
  }
}

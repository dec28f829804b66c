import { Dec } from '@mirrorbook/market';
import { z } from 'zod';

// Field schemas shared by the LCD reply schemas (internal to libs/injective).

const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** A LegacyDec / Int rendered as a JSON string (`"12.345000000000000000"`), read exactly. */
export const decimalField = z
  .string()
  .regex(DECIMAL, 'must be a plain decimal string such as "12.345000000000000000"')
  .transform((value) => new Dec(value));

/** A decimal that may be absent or null (gogoproto nullable Dec), null when missing. */
export const optionalDecimalField = z
  .union([decimalField, z.null(), z.undefined(), z.literal('')])
  .transform((value) => (value === undefined || value === '' ? null : value));

/** A uint64 rendered as a JSON string (`"42"`), read as a safe integer. */
export const uint64Field = z
  .string()
  .regex(/^(0|[1-9]\d*)$/, 'must be an unsigned integer string such as "42"')
  .transform(Number)
  .refine(Number.isSafeInteger, 'exceeds Number.MAX_SAFE_INTEGER');

/** 0x + 64 hex digits: market ids, order hashes. */
export const hash32Field = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be 0x followed by 64 hex digits');

/** 0x + 64 hex digits: eth address (40) + subaccount nonce (24). */
export const subaccountIdField = hash32Field;

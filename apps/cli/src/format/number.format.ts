import type Decimal from 'decimal.js';

/** Shown where a value is unknown (empty book side, no reference, no record). */
export const UNKNOWN = '-';

/**
 * A decimal for a human: at most `maxDecimals` fraction digits (half up), trailing zeros
 * dropped, plain notation; `-` for null.
 */
export function formatDecimal(value: Decimal | null | undefined, maxDecimals = 8): string {
  if (value === null || value === undefined) return UNKNOWN;
  return value.toDecimalPlaces(maxDecimals).toFixed();
}

/** An amount of quote units with thousands separators and exactly `decimals` digits (`12,345.60`). */
export function formatAmount(value: Decimal | null | undefined, decimals = 2): string {
  if (value === null || value === undefined) return UNKNOWN;
  const [whole = '0', fraction] = value.toFixed(decimals).split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/** A percentage with a sign (`+1.25%`, `-0.40%`, `0.00%`); `-` for null. */
export function formatPercent(value: Decimal | null | undefined, decimals = 2, signed = true): string {
  if (value === null || value === undefined) return UNKNOWN;
  const fixed = value.toFixed(decimals);
  const isZero = /^-?0(\.0*)?$/.test(fixed);
  const text = isZero ? fixed.replace(/^-/, '') : fixed;
  return `${signed && !isZero && !text.startsWith('-') ? '+' : ''}${text}%`;
}

/** An age for a human (`42s`, `3m12s`, `2h05m`, `3d04h`); `unknown` for null. */
export function formatAge(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return 'unknown';
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${pad(s % 60)}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h${pad(m % 60)}m`;
  return `${Math.floor(h / 24)}d${pad(h % 24)}h`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A decimal as the string JSON output carries (plain notation, no trailing zeros), or null. */
export function jsonDecimal(value: Decimal | null | undefined): string | null {
  return value === null || value === undefined ? null : value.toFixed();
}

/** A derived percentage for JSON: at most 6 decimals (half up), plain notation, or null. */
export function jsonPercent(value: Decimal | null | undefined): string | null {
  return value === null || value === undefined ? null : value.toDecimalPlaces(6).toFixed();
}

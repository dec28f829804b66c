/// <reference lib="dom" />
import type { FeeReport } from '@mirrorbook/market';

/** "1h 02m", "3m 05s", "12s" */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s >= 86_400) return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** A decimal string shortened for display only (the value itself is never rounded here). */
export function shortDecimal(value: string | null | undefined, digits = 6): string {
  if (value === null || value === undefined) return '—';
  const negative = value.startsWith('-');
  const [int, frac = ''] = (negative ? value.slice(1) : value).split('.');
  // below 1, the leading zeros of the fraction are not significant: keep `digits` after them
  const keep = int === '0' ? (frac.match(/^0*/)?.[0].length ?? 0) + digits : Math.max(0, digits - Math.min(int.length, digits));
  const cut = frac.slice(0, keep).replace(/0+$/, '');
  const text = cut ? `${int}.${cut}` : int;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

/** The same decimal written differently ("25.10" vs "25.1") compares equal. */
export function sameDecimal(a: string, b: string): boolean {
  const norm = (v: string) => (v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v).replace(/^0+(?=\d)/, '');
  return norm(a) === norm(b);
}

/** Local wall-clock time of an epoch-ms instant, 24 h. */
export function clock(ts: number): string {
  return new Date(ts).toLocaleTimeString([], { hour12: false });
}

/** "inj1abc…xyz9" */
export function shortAddress(address: string | null): string {
  if (!address) return 'address not announced yet';
  return address.length > 16 ? `${address.slice(0, 9)}…${address.slice(-5)}` : address;
}

/** ▲ above, ▼ below, = level */
export function arrow(direction: 'above' | 'below' | 'level' | null): string {
  return direction === 'above' ? '▲' : direction === 'below' ? '▼' : direction === 'level' ? '=' : '·';
}

/** How the dashboard names a market the wallet's executor set aside (bot card, services table). */
export function marketUnavailable(reason: string): string {
  return `market unavailable: ${reason}`;
}

/** What the dashboard keys a fee report's look on: the budget state, or why there is none (`missing`, `invalid`). */
export function feeState(fees: FeeReport): string {
  return fees.record?.budget.state ?? fees.status;
}

import type { Market } from '@mirrorbook/market';

/** Denom fees are paid in (18 decimals). */
export const FEE_DENOM = 'inj';

/** Decimals of every denom the markets use, plus the fee denom: how base units relate to human units. */
export function denomDecimalsOf(markets: readonly Market[]): ReadonlyMap<string, number> {
  const decimals = new Map<string, number>([[FEE_DENOM, 18]]);
  for (const m of markets) {
    if (m.baseDenom) decimals.set(m.baseDenom, m.baseDecimals);
    decimals.set(m.quoteDenom, m.quoteDecimals);
  }
  return decimals;
}

import type Decimal from 'decimal.js';
import { Dec, type Market } from '@mirrorbook/market';

/** How to show a bank denom. */
export interface DenomInfo {
  readonly symbol: string;
  readonly decimals: number;
}

/**
 * Symbol and decimals of every denom the given markets trade (base and quote), plus `inj` (18).
 * Derivative markets name only their quote denom. The first market naming a denom wins.
 */
export function denomRegistry(markets: readonly Market[]): Map<string, DenomInfo> {
  const registry = new Map<string, DenomInfo>([['inj', { symbol: 'INJ', decimals: 18 }]]);
  for (const m of markets) {
    if (m.baseDenom && !registry.has(m.baseDenom)) registry.set(m.baseDenom, { symbol: m.baseSymbol, decimals: m.baseDecimals });
    if (!registry.has(m.quoteDenom)) registry.set(m.quoteDenom, { symbol: m.quoteSymbol, decimals: m.quoteDecimals });
  }
  return registry;
}

/** Base units → human units, exactly (a shift of the decimal point, no division rounding). */
export function fromBaseUnits(amount: Decimal.Value, decimals: number): Decimal {
  return new Dec(amount).mul(new Dec(10).pow(-decimals));
}

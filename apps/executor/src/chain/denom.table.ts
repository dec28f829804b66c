import type { Market } from '@mirrorbook/market';

/** Decimals and display symbol of every bank denom the wallet's markets use. */
export interface DenomTable {
  /** for the deposits query: base units ↔ human units */
  readonly decimals: Readonly<Record<string, number>>;
  /** for `balances:<wallet>` */
  readonly symbols: Readonly<Record<string, string>>;
}

/** The denoms of the markets' base and quote assets plus the fee denom (18 decimals). */
export function denomTable(markets: Iterable<Market>, feeDenom: string): DenomTable {
  const decimals: Record<string, number> = { [feeDenom]: 18 };
  const symbols: Record<string, string> = { [feeDenom]: feeDenom.toUpperCase() };
  for (const market of markets) {
    if (market.baseDenom) {
      decimals[market.baseDenom] = market.baseDecimals;
      symbols[market.baseDenom] = market.baseSymbol;
    }
    decimals[market.quoteDenom] = market.quoteDecimals;
    symbols[market.quoteDenom] = market.quoteSymbol;
  }
  return { decimals, symbols };
}

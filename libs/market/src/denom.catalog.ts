import type { Market } from './market.model';

/** Denom fees are paid in on Injective (and the simulator). */
export const FEE_DENOM = 'inj';

/** How a bank denom is shown and scaled. */
export interface DenomInfo {
  readonly symbol: string;
  /** one human unit is 10^decimals base units */
  readonly decimals: number;
}

/** How `denomCatalog` is built. */
export interface DenomCatalogOptions {
  /** entered before any market, with 18 decimals and its name in capitals; default `inj` */
  readonly feeDenom?: string;
  /**
   * which entry stands when several name one denom: `first` (default) keeps the first, so the fee
   * denom's is never replaced; `last` lets later markets replace earlier entries, the fee denom's too
   */
  readonly keep?: 'first' | 'last';
}

/**
 * Symbol and decimals of every bank denom the markets trade (base and quote; derivatives name only
 * their quote denom), plus the fee denom.
 */
export function denomCatalog(markets: Iterable<Market>, options: DenomCatalogOptions = {}): ReadonlyMap<string, DenomInfo> {
  const feeDenom = options.feeDenom ?? FEE_DENOM;
  const catalog = new Map<string, DenomInfo>([[feeDenom, { symbol: feeDenom.toUpperCase(), decimals: 18 }]]);
  const enter = (denom: string, info: DenomInfo) => {
    if (options.keep === 'last' || !catalog.has(denom)) catalog.set(denom, info);
  };
  for (const m of markets) {
    if (m.baseDenom) enter(m.baseDenom, { symbol: m.baseSymbol, decimals: m.baseDecimals });
    enter(m.quoteDenom, { symbol: m.quoteSymbol, decimals: m.quoteDecimals });
  }
  return catalog;
}

/** Decimals by denom, the shape the LCD client's deposits query takes. */
export function decimalsByDenom(catalog: ReadonlyMap<string, DenomInfo>): Readonly<Record<string, number>> {
  return Object.fromEntries([...catalog].map(([denom, info]) => [denom, info.decimals]));
}

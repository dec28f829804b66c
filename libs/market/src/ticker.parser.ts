/** Symbols named by an Injective ticker such as `INJ/USDT` or `INJ/USDT PERP`. */
export interface TickerSymbols {
  readonly base: string;
  readonly quote: string;
}

/**
 * Splits `BASE/QUOTE` with an optional suffix after a space (`PERP`, an expiry); null when the
 * ticker does not have that shape. Internal to libs/market.
 */
export function parseTicker(ticker: string): TickerSymbols | null {
  const match = /^\s*([^/\s]+)\/([^/\s]+)(\s+\S.*)?$/.exec(ticker);
  return match ? { base: match[1]!, quote: match[2]! } : null;
}

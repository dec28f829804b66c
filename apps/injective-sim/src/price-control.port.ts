import type Decimal from 'decimal.js';

/**
 * What the admin API needs from the exchange's price process: force a market's "mainnet" price
 * and read it back. `SimExchange` has both; a bare `ExchangePort` (e.g. a test double) may not,
 * and then `POST /sim/admin/price` answers 501.
 */
export interface PriceControl {
  /** forces the price process of a mainnet market, or of the one paired with a testnet market */
  setPrice(marketId: string, price: Decimal.Value): void;
  /** the price process price for a market (mainnet, or the testnet market's pair), if any */
  referencePrice(marketId: string): Decimal | undefined;
}

/** Whether `exchange` also offers `PriceControl`. */
export function hasPriceControl(exchange: object): exchange is PriceControl {
  const candidate = exchange as Partial<PriceControl>;
  return typeof candidate.setPrice === 'function' && typeof candidate.referencePrice === 'function';
}

import type Decimal from 'decimal.js';
import type { SyntheticDepthSettings } from './exchange/sim-exchange.config';
import type { MarkSetting, MarkState } from './price/mark.oracle';

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

/**
 * What the admin API and the derivative market query need from the exchange's oracles: the mark
 * of a derivative market and setting a testnet market's mark apart. `SimExchange` has both.
 */
export interface MarkControl {
  /** a derivative market's mark: null while nil, undefined when it has no oracle */
  markPrice(marketId: string): Decimal | null | undefined;
  /** sets how a testnet derivative market's mark moves; throws RangeError for another market */
  setMark(marketId: string, setting: MarkSetting): MarkState;
}

/** Whether `exchange` also offers `MarkControl`. */
export function hasMarkControl(exchange: object): exchange is MarkControl {
  const candidate = exchange as Partial<MarkControl>;
  return typeof candidate.markPrice === 'function' && typeof candidate.setMark === 'function';
}

/** What the admin API needs to reshape a "mainnet" book: the synthetic depth's settings. `SimExchange` has it. */
export interface DepthControl {
  /** reshapes the synthetic depth of a mainnet market, or of the one paired with a testnet market; undefined when it has none */
  setDepth(marketId: string, update: Partial<SyntheticDepthSettings>): SyntheticDepthSettings | undefined;
}

/** Whether `exchange` also offers `DepthControl`. */
export function hasDepthControl(exchange: object): exchange is DepthControl {
  return typeof (exchange as Partial<DepthControl>).setDepth === 'function';
}

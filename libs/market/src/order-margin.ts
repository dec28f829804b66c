import type Decimal from 'decimal.js';
import { Dec } from './decimal.config';

/** LegacyDec keeps 18 decimals. */
const MAX_DECIMALS = 18;

/**
 * The margin a derivative order of `leverage` carries: price × quantity ÷ leverage, rounded up to
 * the quote decimals (a hair less would exceed the leverage asked for). What the batch builder
 * sends and what the pre-trade checks hold. Pure.
 */
export function leverageMargin(price: Decimal, quantity: Decimal, leverage: Decimal, quoteDecimals: number): Decimal {
  return new Dec(price.mul(quantity).div(leverage)).toDecimalPlaces(Math.min(quoteDecimals, MAX_DECIMALS), Dec.ROUND_UP);
}

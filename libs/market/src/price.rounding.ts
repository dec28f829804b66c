import type Decimal from 'decimal.js';
import { Dec, type DecimalValue } from './decimal.config';
import { ExactDec } from './exact-decimal.config';
import { InvalidAmountError } from './invalid-amount.error';
import type { Market, Side } from './market.model';

// The one place where prices and quantities meet the market's ticks. Every function is exact
// (no floats, no 40-digit rounding on the way), accepts any `DecimalValue` and returns `Dec`.

/**
 * Rounds a price to the market's price tick, away from the other side of the book: bids round
 * down, asks round up, so rounding never makes an order more aggressive.
 *
 * With a `reference` (e.g. the mainnet mid or the opposite best price) the result never goes
 * through it: a bid ends at or below the reference, an ask at or above it. A price already on the
 * wrong side is clamped to the nearest tick on the safe side of the reference.
 *
 * A bid below one tick rounds to zero, which is no valid order price: callers drop it.
 * Throws `InvalidAmountError` for negative or non-finite input, or a tick that is not > 0.
 */
export function roundPrice(
  market: Pick<Market, 'priceTick'>,
  side: Side,
  price: DecimalValue,
  reference?: DecimalValue,
): Decimal {
  const tick = positive(market.priceTick, 'market.priceTick');
  let target = nonNegative(price, 'price');
  if (reference !== undefined) {
    const ref = nonNegative(reference, 'reference');
    target = side === 'buy' ? ExactDec.min(target, ref) : ExactDec.max(target, ref);
  }
  return toTick(target, tick, side === 'buy' ? ExactDec.ROUND_FLOOR : ExactDec.ROUND_CEIL);
}

/** Rounds a quantity down to the market's quantity tick: never trades more than asked. */
export function roundQuantity(market: Pick<Market, 'quantityTick'>, quantity: DecimalValue): Decimal {
  const tick = positive(market.quantityTick, 'market.quantityTick');
  return toTick(nonNegative(quantity, 'quantity'), tick, ExactDec.ROUND_FLOOR);
}

/**
 * True when price × quantity (quote units) reaches the market's minimum notional. A zero notional
 * never qualifies, even where the minimum is 0: the chain rejects empty orders anyway.
 */
export function meetsMinNotional(
  market: Pick<Market, 'minNotional'>,
  price: DecimalValue,
  quantity: DecimalValue,
): boolean {
  const notional = nonNegative(price, 'price').mul(nonNegative(quantity, 'quantity'));
  return notional.gt(0) && notional.gte(nonNegative(market.minNotional, 'market.minNotional'));
}

/**
 * The smallest on-tick quantity (base units) whose notional at `price` meets the market's
 * minimum; one quantity tick where the minimum is 0. Lifts an order `meetsMinNotional` refused.
 */
export function minQuantityForNotional(
  market: Pick<Market, 'quantityTick' | 'minNotional'>,
  price: DecimalValue,
): Decimal {
  const tick = positive(market.quantityTick, 'market.quantityTick');
  const p = positive(price, 'price');
  const minNotional = nonNegative(market.minNotional, 'market.minNotional');
  // A quotient like 1 / 3 does not terminate, but at 1000 digits it cannot round across a tick
  // boundary for any realistic input, so its ceiling to the tick is the exact answer.
  return new Dec(ExactDec.max(minNotional.div(p).toNearest(tick, ExactDec.ROUND_CEIL), tick));
}

/** True when `value` is an exact multiple of `tick` (zero included). */
export function isOnTick(value: DecimalValue, tick: DecimalValue): boolean {
  const v = new ExactDec(value);
  if (!v.isFinite()) throw new InvalidAmountError('NOT_FINITE', 'value', v.toString());
  return v.mod(positive(tick, 'tick')).isZero();
}

function toTick(value: Decimal, tick: Decimal, rounding: Decimal.Rounding): Decimal {
  const rounded = value.toNearest(tick, rounding);
  return new Dec(rounded.isZero() ? 0 : rounded);
}

function nonNegative(value: DecimalValue, argument: string): Decimal {
  const d = new ExactDec(value);
  if (!d.isFinite()) throw new InvalidAmountError('NOT_FINITE', argument, d.toString());
  if (d.lt(0)) throw new InvalidAmountError('NEGATIVE', argument, d.toString());
  return d;
}

function positive(value: DecimalValue, argument: string): Decimal {
  const d = nonNegative(value, argument);
  if (d.isZero()) throw new InvalidAmountError('NOT_POSITIVE', argument, d.toString());
  return d;
}

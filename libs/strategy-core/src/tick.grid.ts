import type Decimal from 'decimal.js';
import { Dec, roundPrice, roundQuantity, type Market } from '@mirrorbook/market';
import { StrategyInputError } from './strategy-input.error';

// Exact arithmetic for the few one-off budget and notional conversions of a plan.
const Exact = Dec.clone({ precision: 1000 });

/** Largest tick index the planners use, so k ± a few and float targets stay exact integers. */
export const MAX_TICKS = 2 ** 50;

interface ScaledTick {
  /** tick = mantissa × 10^-scale */
  readonly mantissa: bigint;
  readonly scale: number;
}

const grids = new WeakMap<Market, TickGrid>();

/**
 * A market's price and quantity ticks as integer grids. Planners compute in tick indices
 * (price = k × priceTick, quantity = q × quantityTick), so every price and quantity is on tick by
 * construction and turning one into a decimal string is integer formatting, not decimal.js work.
 * Values enter the grid through the market lib's `roundPrice` / `roundQuantity`.
 */
export class TickGrid {
  /** priceTick × quantityTick: the notional of one price tick times one quantity tick, quote units */
  readonly unit: Decimal;
  /** smallest k × q whose notional reaches the market's min notional (and is > 0) */
  readonly minNotionalUnits: bigint;
  private readonly minNotionalAsNumber: number;
  private readonly price: ScaledTick;
  private readonly quantity: ScaledTick;

  private constructor(readonly market: Market) {
    this.price = scaledTick(market.priceTick);
    this.quantity = scaledTick(market.quantityTick);
    this.unit = new Exact(market.priceTick).mul(market.quantityTick);
    this.minNotionalUnits = ceilUnits(new Exact(market.minNotional), this.unit, 1n);
    this.minNotionalAsNumber = this.minNotionalUnits <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(this.minNotionalUnits) : Infinity;
  }

  /** The grid of `market`, built once per market object (markets are immutable). */
  static for(market: Market): TickGrid {
    let grid = grids.get(market);
    if (!grid) {
      grid = new TickGrid(market);
      grids.set(market, grid);
    }
    return grid;
  }

  /** Price tick index of `price` rounded as a bid (down) or an ask (up) by `roundPrice`. */
  priceIndex(price: Decimal.Value, side: 'buy' | 'sell'): number {
    return this.index(roundPrice(this.market, side, price).div(this.market.priceTick), 'price');
  }

  /**
   * Price tick index of a price read back from the chain (the bot's own orders): exact when the
   * price is on tick, else rounded like `roundPrice` would for `side`. Skips `roundPrice`'s
   * validation, which the hot path cannot afford once per resting order.
   */
  indexOf(price: Decimal, side: 'buy' | 'sell'): number {
    const ticks = price.div(this.market.priceTick);
    return this.index(ticks.isInteger() ? ticks : side === 'buy' ? ticks.floor() : ticks.ceil(), 'price');
  }

  /** The price index of an on-tick price; null for a price between ticks. */
  exactIndex(price: Decimal): number | null {
    const ticks = price.div(this.market.priceTick);
    return ticks.isInteger() ? this.index(ticks, 'price') : null;
  }

  /** Quantity tick index of `quantity`, rounded down by `roundQuantity`. */
  quantityIndex(quantity: Decimal.Value): number {
    const q = roundQuantity(this.market, quantity).div(this.market.quantityTick);
    return q.gt(MAX_TICKS) ? MAX_TICKS : this.index(q, 'quantity');
  }

  /** k × priceTick as a plain decimal string. */
  priceText(k: number): string {
    return formatScaled(k, this.price);
  }

  /** q × quantityTick as a plain decimal string. */
  quantityText(q: number): string {
    return formatScaled(q, this.quantity);
  }

  /** The smallest quantity index whose notional at price index k meets the min notional. */
  minQuantityAt(k: number): number {
    if (this.minNotionalAsNumber <= k) return 1;
    const kk = BigInt(k);
    return Number((this.minNotionalUnits + kk - 1n) / kk);
  }

  /** floor(value / (unit × factor)): how many k × q units `value` quote units pay for. */
  unitsAffordable(value: Decimal.Value, factor: Decimal.Value = 1): bigint {
    const perUnit = this.unit.mul(factor);
    const v = new Exact(value);
    if (v.lte(0)) return 0n;
    // a 40-digit quotient is close enough to start from; exact products settle the last unit
    let units = BigInt(new Dec(v).div(new Dec(perUnit)).floor().toFixed());
    while (units > 0n && perUnit.mul(units.toString()).gt(v)) units -= 1n;
    while (perUnit.mul((units + 1n).toString()).lte(v)) units += 1n;
    return units;
  }

  private index(value: Decimal, what: string): number {
    const n = value.toNumber();
    if (!Number.isSafeInteger(n) || n > MAX_TICKS) {
      throw new StrategyInputError('OUT_OF_RANGE', what, `${value.toFixed()} ticks is beyond exact planning range`);
    }
    return n;
  }
}

/** ceil(value / unit), at least `floor`, settled exactly. */
function ceilUnits(value: Decimal, unit: Decimal, floor: bigint): bigint {
  let units = BigInt(new Dec(value).div(new Dec(unit)).ceil().toFixed());
  if (Exact.mul(unit, units.toString()).lt(value)) units += 1n;
  while (units > 1n && Exact.mul(unit, (units - 1n).toString()).gte(value)) units -= 1n;
  return units < floor ? floor : units;
}

function scaledTick(tick: Decimal): ScaledTick {
  const text = new Exact(tick).toFixed();
  const dot = text.indexOf('.');
  if (dot < 0) return { mantissa: BigInt(text), scale: 0 };
  return { mantissa: BigInt(text.slice(0, dot) + text.slice(dot + 1)), scale: text.length - dot - 1 };
}

function formatScaled(n: number, tick: ScaledTick): string {
  const digits = tick.mantissa === 1n ? String(n) : (BigInt(n) * tick.mantissa).toString();
  if (tick.scale === 0) return digits;
  const padded = digits.length > tick.scale ? digits : digits.padStart(tick.scale + 1, '0');
  const whole = padded.slice(0, padded.length - tick.scale);
  let end = padded.length;
  while (end > whole.length && padded.charCodeAt(end - 1) === 48) end--;
  return end === whole.length ? whole : `${whole}.${padded.slice(whole.length, end)}`;
}

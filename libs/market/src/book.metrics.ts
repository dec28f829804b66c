import type Decimal from 'decimal.js';
import { Dec, type DecimalValue } from './decimal.config';
import { ExactDec } from './exact-decimal.config';
import { InvalidAmountError } from './invalid-amount.error';

// The one definition of an order book's mid, spread and depth (docs/style.md#known-shortcomings:
// the dashboard and `mirrorbook compare` used to measure depth differently). Pure: levels in,
// Decimals out. Sums and products are exact (ExactDec); only the spread in bps is a quotient,
// rounded to Dec's 40 significant digits. Levels are read by price, never by position, so an
// unsorted or crossed book is measured the same as a sorted one.

/** One price level as the measures read it, human units. */
export interface PriceLevel {
  /** quote units per base unit */
  readonly price: DecimalValue;
  /** base units (contracts for derivatives) */
  readonly quantity: DecimalValue;
}

/** Both sides of a book, in any order. */
export interface BookSides {
  readonly bids: readonly PriceLevel[];
  readonly asks: readonly PriceLevel[];
}

/** The bands mirrorbook reports depth in: within 1, 2 and 5 % of the reference mid. */
export const DEPTH_BANDS_PCT = ['1', '2', '5'] as const;

/** The best price of each side; null where a side is empty. */
export interface BestPrices {
  /** highest bid price, quote per base */
  readonly bestBid: Decimal | null;
  /** lowest ask price, quote per base */
  readonly bestAsk: Decimal | null;
}

/** Best ask − best bid. */
export interface BookSpread {
  /** best ask − best bid, quote units per base unit; negative for a crossed book */
  readonly absolute: Decimal;
  /** absolute ÷ mid × 10 000, basis points of the book's own mid */
  readonly bps: Decimal;
}

/**
 * The price interval "within `withinPct` % of `referenceMid`": [low, high] with
 * low = referenceMid × (1 − withinPct/100) and high = referenceMid × (1 + withinPct/100).
 * Both edges are inclusive, and the same interval applies to bids and to asks.
 */
export interface DepthBand {
  /** percent, e.g. 2 for ±2 % */
  readonly withinPct: Decimal;
  /** the price the band is centred on, quote per base */
  readonly referenceMid: Decimal;
  /** lowest price inside the band (inclusive), quote per base */
  readonly low: Decimal;
  /** highest price inside the band (inclusive), quote per base */
  readonly high: Decimal;
}

/** Resting liquidity of one side (or both) inside a band. */
export interface SideDepth {
  /** price levels inside the band */
  readonly levels: number;
  /** Σ price × quantity of those levels, quote units: this is "the depth" */
  readonly quoteNotional: Decimal;
  /** Σ quantity of those levels, base units (contracts for derivatives); not the depth measure */
  readonly baseQuantity: Decimal;
}

/** Depth within one band, per side and both sides together. */
export interface BookDepth {
  readonly band: DepthBand;
  readonly bids: SideDepth;
  readonly asks: SideDepth;
  /** bids + asks */
  readonly both: SideDepth;
}

const HUNDRED = 100;
const BPS = 10_000;

/** Highest bid and lowest ask, scanning every level (null where a side is empty). */
export function bestPrices(book: BookSides): BestPrices {
  return { bestBid: bestOfSide(book.bids, 'bid'), bestAsk: bestOfSide(book.asks, 'ask') };
}

// the strategy assesses one book once per bot, and the quality monitor again: each side is scanned once
const bestBids = new WeakMap<readonly PriceLevel[], Decimal | null>();
const bestAsks = new WeakMap<readonly PriceLevel[], Decimal | null>();

function bestOfSide(levels: readonly PriceLevel[], side: 'bid' | 'ask'): Decimal | null {
  const known = side === 'bid' ? bestBids : bestAsks;
  const kept = known.get(levels);
  if (kept !== undefined) return kept;
  let best: Decimal | null = null;
  for (const level of levels) {
    const price = levelPrice(level);
    if (best === null || (side === 'bid' ? price.gt(best) : price.lt(best))) best = price;
  }
  const result = best && new Dec(best);
  known.set(levels, result);
  return result;
}

/** (best bid + best ask) / 2, quote per base, exact; null when either side is empty. */
export function midPrice(book: BookSides): Decimal | null {
  const { bestBid, bestAsk } = bestPrices(book);
  return bestBid && bestAsk ? new Dec(new ExactDec(bestBid).add(bestAsk).div(2)) : null;
}

/**
 * The price gap: (price − reference) / reference × 100, signed, exact (`ExactDec`); null when
 * either is unknown or the reference is zero. How far the testnet mid (or an order) sits from the
 * mainnet reference: the dashboard, `mirrorbook compare`, the strategy and the fidelity bench all
 * read this one.
 */
export function priceGapPct(price: DecimalValue | null, reference: DecimalValue | null): Decimal | null {
  if (price === null || reference === null) return null;
  const ref = new ExactDec(reference);
  if (ref.isZero()) return null;
  return new Dec(new ExactDec(price).sub(ref).div(ref).mul(HUNDRED));
}

/**
 * Best ask − best bid, absolute and in bps of the book's mid; null when either side is empty or
 * the mid is zero.
 */
export function bookSpread(book: BookSides): BookSpread | null {
  const { bestBid, bestAsk } = bestPrices(book);
  if (!bestBid || !bestAsk) return null;
  const mid = new ExactDec(bestBid).add(bestAsk).div(2);
  if (mid.isZero()) return null;
  const absolute = new ExactDec(bestAsk).sub(bestBid);
  return { absolute: new Dec(absolute), bps: new Dec(absolute.mul(BPS)).div(mid) };
}

/**
 * The band within `withinPct` % of `referenceMid` (see `DepthBand`: both edges inclusive).
 * Throws `InvalidAmountError` for a reference that is not > 0 or a percentage below 0.
 */
export function depthBand(referenceMid: DecimalValue, withinPct: DecimalValue): DepthBand {
  const mid = finite(referenceMid, 'referenceMid');
  if (!mid.gt(0)) throw new InvalidAmountError('NOT_POSITIVE', 'referenceMid', mid.toString());
  const pct = finite(withinPct, 'withinPct');
  if (pct.lt(0)) throw new InvalidAmountError('NEGATIVE', 'withinPct', pct.toString());
  const fraction = pct.div(HUNDRED);
  return {
    withinPct: new Dec(pct),
    referenceMid: new Dec(mid),
    low: new Dec(mid.mul(new ExactDec(1).sub(fraction))),
    high: new Dec(mid.mul(new ExactDec(1).add(fraction))),
  };
}

/** True when low ≤ price ≤ high. */
export function isInDepthBand(price: DecimalValue, band: DepthBand): boolean {
  const p = new ExactDec(price);
  return p.gte(band.low) && p.lte(band.high);
}

/** The levels of one side priced inside `band`: their count, quote notional and base quantity. */
export function sideDepth(levels: readonly PriceLevel[], band: DepthBand): SideDepth {
  let count = 0;
  let notional = new ExactDec(0);
  let quantity = new ExactDec(0);
  for (const level of parsedLevels(levels)) {
    if (level.price.lt(band.low) || level.price.gt(band.high)) continue;
    count += 1;
    notional = notional.add(level.notional);
    quantity = quantity.add(level.quantity);
  }
  return { levels: count, quoteNotional: new Dec(notional), baseQuantity: new Dec(quantity) };
}

interface ParsedLevel {
  readonly price: Decimal;
  readonly quantity: Decimal;
  readonly notional: Decimal;
}

// book quality and the depth curve measure one side in several bands: its levels are parsed once
const parsed = new WeakMap<readonly PriceLevel[], readonly ParsedLevel[]>();

/** The side's levels as exact decimals (validated), parsed once per levels array. */
function parsedLevels(levels: readonly PriceLevel[]): readonly ParsedLevel[] {
  let out = parsed.get(levels);
  if (!out) {
    out = levels.map((level) => {
      const price = levelPrice(level);
      const quantity = levelQuantity(level);
      return { price, quantity, notional: price.mul(quantity) };
    });
    parsed.set(levels, out);
  }
  return out;
}

/**
 * Depth within `withinPct` % of `referenceMid`: the bids and the asks priced inside the band
 * [referenceMid × (1 − withinPct/100), referenceMid × (1 + withinPct/100)], edges included. A bid
 * above the band or an ask below it (a book far from the reference, or crossed) is not counted.
 * Throws `InvalidAmountError` for a reference that is not > 0, a percentage below 0, or a level
 * whose price or quantity is negative or not finite.
 */
export function depthWithin(book: BookSides, referenceMid: DecimalValue, withinPct: DecimalValue): BookDepth {
  const band = depthBand(referenceMid, withinPct);
  const bids = sideDepth(book.bids, band);
  const asks = sideDepth(book.asks, band);
  return {
    band,
    bids,
    asks,
    both: {
      levels: bids.levels + asks.levels,
      quoteNotional: new Dec(new ExactDec(bids.quoteNotional).add(asks.quoteNotional)),
      baseQuantity: new Dec(new ExactDec(bids.baseQuantity).add(asks.baseQuantity)),
    },
  };
}

function levelPrice(level: PriceLevel): Decimal {
  const price = finite(level.price, 'level.price');
  if (price.lt(0)) throw new InvalidAmountError('NEGATIVE', 'level.price', price.toString());
  return price;
}

function levelQuantity(level: PriceLevel): Decimal {
  const quantity = finite(level.quantity, 'level.quantity');
  if (quantity.lt(0)) throw new InvalidAmountError('NEGATIVE', 'level.quantity', quantity.toString());
  return quantity;
}

function finite(value: DecimalValue, argument: string): Decimal {
  const d = new ExactDec(value);
  if (!d.isFinite()) throw new InvalidAmountError('NOT_FINITE', argument, d.toString());
  return d;
}

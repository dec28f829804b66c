import type Decimal from 'decimal.js';
import { bookSpread, depthWithin, midPrice, priceGapPct, type BookSides } from './book.metrics';
import { Dec, type DecimalValue } from './decimal.config';
import { InvalidAmountError } from './invalid-amount.error';

// How closely a testnet book mirrors its mainnet (reference) book at one instant: the one
// definition the fidelity tool, the dashboard and any quality publisher share. Built on the book
// measures of book.metrics.ts (mid, spread, depth within a band); unknown figures are null.

/** The bands book quality reports depth in, bps of each book's own mid. */
export const QUALITY_BANDS_BPS = [10, 25, 50, 100, 200, 500] as const;

/** Quote notional (Σ price × quantity) resting on each side, quote units. */
export interface SideNotional {
  readonly bids: Decimal;
  readonly asks: Decimal;
}

/** A ratio per side; null where the denominator is zero or unknown. */
export interface SideRatio {
  readonly bids: Decimal | null;
  readonly asks: Decimal | null;
}

/** Depth of both books within one band. */
export interface BandQuality {
  /** the band: within this many bps of each book's own mid, edges included */
  readonly bandBps: number;
  /** testnet depth within the band around the testnet mid; null without a testnet mid */
  readonly testnet: SideNotional | null;
  /** mainnet depth within the band around the mainnet mid; null without a mainnet mid */
  readonly mainnet: SideNotional | null;
  /** testnet ÷ (mainnet × depthScale), per side */
  readonly ratio: SideRatio;
}

/** Book quality of one snapshot. */
export interface BookQuality {
  /** |testnet mid − mainnet mid| ÷ mainnet mid × 10 000; null without both mids */
  readonly trackingErrorBps: Decimal | null;
  /** (best ask − best bid) ÷ its own mid × 10 000; null for a one-sided or empty book */
  readonly testnetSpreadBps: Decimal | null;
  readonly mainnetSpreadBps: Decimal | null;
  /** testnet spread ÷ mainnet spread; null when either is unknown or the mainnet spread is 0 */
  readonly spreadRatio: Decimal | null;
  /** one entry per band of `QUALITY_BANDS_BPS` (or the bands asked for), narrowest first */
  readonly depth: readonly BandQuality[];
}

/** Options of `bookQuality`. */
export interface BookQualityOptions {
  /**
   * the share of mainnet depth the testnet book is meant to carry (> 0): a depth ratio of 1 means
   * testnet depth = mainnet depth × depthScale; default 1
   */
  readonly depthScale?: DecimalValue;
  /** bands in bps; default `QUALITY_BANDS_BPS` */
  readonly bandsBps?: readonly number[];
}

const BPS = 10_000;

/** |testnet mid − mainnet mid| ÷ mainnet mid in bps; null when either book lacks a mid. */
export function trackingErrorBps(testnet: BookSides, mainnet: BookSides): Decimal | null {
  const gapPct = priceGapPct(midPrice(testnet), midPrice(mainnet));
  return gapPct && gapPct.abs().mul(BPS / 100);
}

/**
 * Tracking error, spreads and their ratio, and depth per band of a testnet book against its
 * mainnet book at one instant. Throws `InvalidAmountError` for a depthScale that is not > 0 or
 * an unusable level (see `depthWithin`).
 */
export function bookQuality(testnet: BookSides, mainnet: BookSides, options: BookQualityOptions = {}): BookQuality {
  const scale = new Dec(options.depthScale ?? 1);
  if (!scale.isFinite() || !scale.gt(0)) throw new InvalidAmountError('NOT_POSITIVE', 'depthScale', scale.toString());
  const testnetSpreadBps = bookSpread(testnet)?.bps ?? null;
  const mainnetSpreadBps = bookSpread(mainnet)?.bps ?? null;
  return {
    trackingErrorBps: trackingErrorBps(testnet, mainnet),
    testnetSpreadBps,
    mainnetSpreadBps,
    spreadRatio: ratio(testnetSpreadBps, mainnetSpreadBps),
    depth: (options.bandsBps ?? QUALITY_BANDS_BPS).map((bandBps) => bandQuality(testnet, mainnet, bandBps, scale)),
  };
}

function bandQuality(testnet: BookSides, mainnet: BookSides, bandBps: number, scale: Decimal): BandQuality {
  const t = depthAroundOwnMid(testnet, bandBps);
  const m = depthAroundOwnMid(mainnet, bandBps);
  return {
    bandBps,
    testnet: t,
    mainnet: m,
    ratio: { bids: ratio(t?.bids ?? null, m && m.bids.mul(scale)), asks: ratio(t?.asks ?? null, m && m.asks.mul(scale)) },
  };
}

/** Quote depth per side within `bandBps` of the book's own mid; null without a mid. */
function depthAroundOwnMid(book: BookSides, bandBps: number): SideNotional | null {
  const mid = midPrice(book);
  if (mid === null || !mid.gt(0)) return null;
  const depth = depthWithin(book, mid, new Dec(bandBps).div(100));
  return { bids: depth.bids.quoteNotional, asks: depth.asks.quoteNotional };
}

function ratio(numerator: Decimal | null, denominator: Decimal | null): Decimal | null {
  return numerator === null || denominator === null || denominator.isZero() ? null : numerator.div(denominator);
}

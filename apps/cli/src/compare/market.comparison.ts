import type Decimal from 'decimal.js';
import {
  bestPrices,
  bookSpread,
  DEPTH_BANDS_PCT,
  depthWithin,
  midPrice,
  priceGapPct,
  qualitySample,
  type BookDepth,
  type OlpRule,
  type OwnOrder,
  type QualitySample,
} from '@mirrorbook/market';
import type { Book } from '../book/book.metrics';

/** What `compare` shows of one side of a pair. */
export interface SideMetrics {
  readonly mid: Decimal | null;
  readonly bestBid: Decimal | null;
  readonly bestAsk: Decimal | null;
  /** (ask − bid) / mid, percent */
  readonly spreadPct: Decimal | null;
  /** price levels per side (the LCD aggregates orders per price: the book's "order count") */
  readonly bidLevels: number;
  readonly askLevels: number;
  /**
   * per band of `bands` (DEPTH_BANDS_PCT by default), around the reference mid (the side's own mid
   * when there is none): libs/market `depthWithin`, the measure the gateway shows too
   */
  readonly depth: readonly BookDepth[];
}

/** One pair: mainnet reference vs the trading side. */
export interface MarketComparison {
  readonly reference: SideMetrics;
  readonly trading: SideMetrics;
  /** (trading mid − reference mid) / reference mid, percent; null when either mid is unknown */
  readonly gapPct: Decimal | null;
}

/** Compares the two books of a pair; depth is measured around the reference mid on both sides. */
export function compareBooks(reference: Book, trading: Book, bands: readonly string[] = DEPTH_BANDS_PCT): MarketComparison {
  const referenceMid = midPrice(reference);
  const tradingMid = midPrice(trading);
  return {
    reference: sideMetrics(reference, referenceMid, bands),
    trading: sideMetrics(trading, referenceMid ?? tradingMid, bands),
    gapPct: priceGapPct(tradingMid, referenceMid),
  };
}

function sideMetrics(book: Book, centre: Decimal | null, bands: readonly string[]): SideMetrics {
  const { bestBid, bestAsk } = bestPrices(book);
  const mid = midPrice(book);
  const around = centre ?? mid;
  const spread = bookSpread(book);
  return {
    mid,
    bestBid,
    bestAsk,
    spreadPct: spread && spread.bps.div(100),
    bidLevels: book.bids.length,
    askLevels: book.asks.length,
    depth: around ? bands.map((pct) => depthWithin(book, around, pct)) : [],
  };
}

/**
 * True when a pair fails the `--max-gap` gate: its gap's magnitude is above `maxGapPct`, or the
 * gap is unknown (an empty side cannot pass a staging check). Without a gate nothing fails.
 */
export function exceedsMaxGap(gapPct: Decimal | null, maxGapPct: Decimal | undefined): boolean {
  if (maxGapPct === undefined) return false;
  return gapPct === null || gapPct.abs().gt(maxGapPct);
}

/** A pair's book quality at the moment `compare` read it: the measures the gateway publishes on `md.quality.<mk>`, for one snapshot. */
export interface PairQuality {
  readonly rule: OlpRule;
  /** the bot params' depthScale; null when they have none (depth compared 1 : 1) */
  readonly depthScale: string | null;
  /** tracking error (bps), spread ratio and depth ratio per band: libs/market `bookQuality` */
  readonly quality: QualitySample['quality'];
  /** two-sided uptime of the bots' orders under both OLP rules; null when their orders are unknown */
  readonly uptime: QualitySample['uptime'];
}

/** Measures the pair with libs/market `qualitySample`: the trading book against the reference book and the bots' own orders. */
export function pairQuality(reference: Book, trading: Book, orders: readonly OwnOrder[] | null, rule: OlpRule, depthScale: string | null): PairQuality {
  const sample = qualitySample({ testnet: trading, mainnet: reference, orders, rule, depthScale: depthScale ?? '1', ts: 0 });
  return { rule, depthScale, quality: sample.quality, uptime: sample.uptime };
}

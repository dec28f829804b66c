import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';

/** One aggregated price level, human units. */
export interface Level {
  /** quote units per base unit */
  readonly price: Decimal;
  /** base units (contracts for derivatives) */
  readonly quantity: Decimal;
}

/** An order book as the LCD gives it: bids best (highest) first, asks best (lowest) first. */
export interface Book {
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
}

/** Resting liquidity within a band around a centre price. */
export interface Depth {
  /** base units of bids priced at or above centre × (1 − pct/100) */
  readonly bidQuantity: Decimal;
  /** base units of asks priced at or below centre × (1 + pct/100) */
  readonly askQuantity: Decimal;
  /** Σ price × quantity of those bids, quote units */
  readonly bidNotional: Decimal;
  /** Σ price × quantity of those asks, quote units */
  readonly askNotional: Decimal;
  /** how many levels of both sides lie in the band */
  readonly levels: number;
}

const HUNDRED = new Dec(100);

/** Best bid and ask, null where a side is empty. */
export function topOfBook(book: Book): { bid: Decimal | null; ask: Decimal | null } {
  return { bid: book.bids[0]?.price ?? null, ask: book.asks[0]?.price ?? null };
}

/** (best bid + best ask) / 2, or null when a side is empty. */
export function midPrice(book: Book): Decimal | null {
  const { bid, ask } = topOfBook(book);
  return bid && ask ? new Dec(bid).add(ask).div(2) : null;
}

/** (ask − bid) / mid, percent; null when a side is empty. */
export function spreadPercent(book: Book): Decimal | null {
  const { bid, ask } = topOfBook(book);
  const mid = midPrice(book);
  if (!bid || !ask || !mid || mid.isZero()) return null;
  return new Dec(ask).sub(bid).div(mid).mul(HUNDRED);
}

/**
 * (price − reference) / reference, percent: how far the testnet mid (or an order) sits from
 * the mainnet reference, signed; null when either is unknown or the reference is zero.
 */
export function gapPercent(price: Decimal | null, reference: Decimal | null): Decimal | null {
  if (!price || !reference || reference.isZero()) return null;
  return new Dec(price).sub(reference).div(reference).mul(HUNDRED);
}

/**
 * The liquidity within `pct` percent of `centre` on each side. Levels are filtered by price, not
 * by position, so an unsorted or crossed book is measured correctly too.
 */
export function depthWithin(book: Book, centre: Decimal, pct: Decimal.Value): Depth {
  const band = new Dec(pct).div(HUNDRED);
  const low = new Dec(centre).mul(new Dec(1).sub(band));
  const high = new Dec(centre).mul(new Dec(1).add(band));
  const bids = book.bids.filter((l) => l.price.gte(low) && l.price.lte(high));
  const asks = book.asks.filter((l) => l.price.lte(high) && l.price.gte(low));
  const sum = (levels: readonly Level[], of: (l: Level) => Decimal) => levels.reduce((acc, l) => acc.add(of(l)), new Dec(0));
  return {
    bidQuantity: sum(bids, (l) => l.quantity),
    askQuantity: sum(asks, (l) => l.quantity),
    bidNotional: sum(bids, (l) => l.price.mul(l.quantity)),
    askNotional: sum(asks, (l) => l.price.mul(l.quantity)),
    levels: bids.length + asks.length,
  };
}

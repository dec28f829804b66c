import type Decimal from 'decimal.js';
import type { BookSnapshot } from '@mirrorbook/contracts';
import { resolveStrategyParams } from '@mirrorbook/contracts';
import { bestPrices, bookSpread, Dec, depthWithin, midPrice, priceGapPct, type DecimalValue } from '@mirrorbook/market';
import type { AssessedOwnOrder, OwnOrder } from './own-order.model';
import { StrategyInputError } from './strategy-input.error';

/** The parts of a book snapshot the assessment reads. */
export type AssessedBook = Pick<BookSnapshot, 'bids' | 'asks' | 'orderCount'>;

/** What the phase selector and the planners know about the testnet book. */
export interface BookAssessment {
  /** mainnet reference price, quote per base */
  readonly reference: Decimal;
  readonly bestBid: Decimal | null;
  readonly bestAsk: Decimal | null;
  /** (best bid + best ask) / 2; the only best price of a one-sided book; null for an empty book */
  readonly mid: Decimal | null;
  /** (mid − reference) / reference × 100; null when the book has no mid */
  readonly gapPct: Decimal | null;
  /** best ask − best bid, quote units; null unless both sides exist */
  readonly spread: Decimal | null;
  /** price levels in the whole book, as the feed reports them */
  readonly totalOrders: number;
  /**
   * price levels of both sides within `nearPct` % of the reference: libs/market `depthWithin`
   * (band [reference × (1 − nearPct/100), reference × (1 + nearPct/100)], edges included)
   */
  readonly nearOrders: number;
  readonly ownOrders: readonly AssessedOwnOrder[];
}

const DEFAULT_NEAR_PCT = resolveStrategyParams().bookBuilding.nearPct;
const HUNDRED = new Dec(100);

/**
 * Measures the testnet book against the mainnet reference: gap, depth (total and near the
 * reference) and the bot's own orders (distance, side, age). Best prices, spread and depth are
 * libs/market's book measures, the ones the gateway and `compare` show. Throws
 * `StrategyInputError` for a reference that is not > 0.
 */
export function assess(
  book: AssessedBook,
  reference: DecimalValue,
  ownOrders: readonly OwnOrder[],
  nowMs: number,
  nearPct: DecimalValue = DEFAULT_NEAR_PCT,
): BookAssessment {
  const ref = new Dec(reference);
  if (!ref.isFinite() || ref.lte(0)) {
    throw new StrategyInputError('INVALID_REFERENCE', 'reference', `must be > 0, got ${ref.toString()}`);
  }
  const { bestBid, bestAsk } = bestPrices(book);
  // a one-sided book still has a price to measure the gap from: its only best price
  const mid = midPrice(book) ?? bestBid ?? bestAsk;
  return {
    reference: ref,
    bestBid,
    bestAsk,
    mid,
    gapPct: priceGapPct(mid, ref),
    spread: bookSpread(book)?.absolute ?? null,
    totalOrders: book.orderCount,
    nearOrders: depthWithin(book, ref, nearPct).both.levels,
    ownOrders: ownOrders.map((order) => assessOwn(order, ref, nowMs)),
  };
}

function assessOwn(order: OwnOrder, ref: Decimal, nowMs: number): AssessedOwnOrder {
  const price = new Dec(order.price);
  const offset = price.sub(ref);
  return {
    order,
    price,
    quantity: new Dec(order.quantity),
    distancePct: offset.abs().div(ref).mul(HUNDRED),
    wrongSide: order.side === 'buy' ? offset.gte(0) : offset.lte(0),
    ageMs: Math.max(0, nowMs - order.createdAtMs),
  };
}

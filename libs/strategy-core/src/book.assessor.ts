import type Decimal from 'decimal.js';
import type { BookLevel, BookSnapshot } from '@mirrorbook/contracts';
import { resolveStrategyParams } from '@mirrorbook/contracts';
import { Dec, type DecimalValue } from '@mirrorbook/market';
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
  /** price levels within `nearPct` of the reference */
  readonly nearOrders: number;
  readonly ownOrders: readonly AssessedOwnOrder[];
}

const DEFAULT_NEAR_PCT = resolveStrategyParams().bookBuilding.nearPct;
const HUNDRED = new Dec(100);

/**
 * Measures the testnet book against the mainnet reference: gap, depth (total and near the
 * reference) and the bot's own orders (distance, side, age). Bids and asks are read best first,
 * as `BookSnapshot` orders them. Throws `StrategyInputError` for a reference that is not > 0.
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
  const bestBid = book.bids.length > 0 ? new Dec(book.bids[0]!.price) : null;
  const bestAsk = book.asks.length > 0 ? new Dec(book.asks[0]!.price) : null;
  const mid = bestBid && bestAsk ? bestBid.add(bestAsk).div(2) : (bestBid ?? bestAsk);
  const band = ref.mul(nearPct).div(HUNDRED);
  const low = ref.sub(band);
  const high = ref.add(band);
  return {
    reference: ref,
    bestBid,
    bestAsk,
    mid,
    gapPct: mid ? mid.sub(ref).div(ref).mul(HUNDRED) : null,
    spread: bestBid && bestAsk ? bestAsk.sub(bestBid) : null,
    totalOrders: book.orderCount,
    nearOrders: countBetween(book.bids, low, high, 'descending') + countBetween(book.asks, low, high, 'ascending'),
    ownOrders: ownOrders.map((order) => assessOwn(order, ref, nowMs)),
  };
}

/** Levels with low ≤ price ≤ high, stopping once the sorted side has left the band. */
function countBetween(levels: readonly BookLevel[], low: Decimal, high: Decimal, order: 'ascending' | 'descending'): number {
  let count = 0;
  for (const level of levels) {
    const price = new Dec(level.price);
    const beyond = order === 'descending' ? price.lt(low) : price.gt(high);
    if (beyond) break;
    if (price.gte(low) && price.lte(high)) count++;
  }
  return count;
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

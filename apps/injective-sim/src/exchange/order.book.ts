import type { Side } from '@mirrorbook/market';
import type { BookOrder } from './book-order.model';
import type { SimPriceLevel } from './exchange.port';

/**
 * One market's limit order book with price-time priority. Each side is an array kept sorted best
 * first (bids by price descending, asks ascending, then by arrival): binary search finds a slot
 * in O(log n), the splice is a memmove.
 */
export class OrderBook {
  private readonly bids: BookOrder[] = [];
  private readonly asks: BookOrder[] = [];
  private changes = 0;

  /** The book's own sequence: +1 on every change (the orderbook query's `seq`, not the block height). */
  get sequence(): number {
    return this.changes;
  }

  /** Counts a change made to a resting order in place (a partial fill). */
  changed(): void {
    this.changes += 1;
  }

  /** Orders of one side, best first. Do not mutate. */
  side(side: Side): readonly BookOrder[] {
    return side === 'buy' ? this.bids : this.asks;
  }

  /** The best resting order of a side, if any. */
  best(side: Side): BookOrder | undefined {
    return this.side(side)[0];
  }

  /** Inserts behind every order at the same or a better price. */
  insert(order: BookOrder): void {
    const list = order.side === 'buy' ? this.bids : this.asks;
    list.splice(this.upperBound(list, order), 0, order);
    this.changes += 1;
  }

  /** Removes `order`; false if it was not in the book. */
  remove(order: BookOrder): boolean {
    const list = order.side === 'buy' ? this.bids : this.asks;
    const index = this.indexOf(list, order);
    if (index < 0) return false;
    list.splice(index, 1);
    this.changes += 1;
    return true;
  }

  /** Removes the first `count` orders of a side (the ones a taker consumed). */
  dropBest(side: Side, count: number): void {
    if (count <= 0) return;
    (side === 'buy' ? this.bids : this.asks).splice(0, count);
    this.changes += 1;
  }

  /** Aggregated price levels of a side, best first, at most `limit` (0 or less = all). */
  levels(side: Side, limit: number): SimPriceLevel[] {
    const levels: SimPriceLevel[] = [];
    let key: bigint | null = null;
    for (const order of this.side(side)) {
      if (order.key !== key) {
        if (limit > 0 && levels.length === limit) break;
        levels.push({ price: order.price, quantity: order.fillable });
        key = order.key;
      } else {
        const last = levels[levels.length - 1]!;
        last.quantity = last.quantity.add(order.fillable);
      }
    }
    return levels;
  }

  /** True if `a` has priority over `b` on the same side. */
  private static before(a: BookOrder, b: BookOrder): boolean {
    if (a.key !== b.key) return a.side === 'buy' ? a.key > b.key : a.key < b.key;
    return a.seq < b.seq;
  }

  /** First index whose order comes after `order`. */
  private upperBound(list: readonly BookOrder[], order: BookOrder): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (OrderBook.before(order, list[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private indexOf(list: readonly BookOrder[], order: BookOrder): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (OrderBook.before(list[mid]!, order)) lo = mid + 1;
      else hi = mid;
    }
    return list[lo] === order ? lo : -1;
  }
}

import type { BookLevel, BookSnapshot } from '@mirrorbook/contracts';
import { Dec, type Side } from '@mirrorbook/market';
import type Decimal from 'decimal.js';
import type { OwnOrder } from './own-order.model';

/** The parts of a book snapshot the view reads. */
export type BookView = Pick<BookSnapshot, 'bids' | 'asks' | 'height'>;

/**
 * The bot's stored orders as the testnet book read at `book.height` shows them. The executor
 * learns of fills only when it reconciles (every `EXEC_RECONCILE_INTERVAL_MS`, or after its checks
 * refused a plan on its holdings), so in between takers may have eaten orders the store still lists; planning on
 * them holds the eaten levels empty until then. An order included at or before the book's height
 * (`height` known) whose price level the book no longer carries is gone; where the level carries
 * less than the bot's orders there, the shortfall is taken off the oldest first (the chain fills a
 * level in time priority). Only prices the snapshot covers are judged: from the side's best to its
 * deepest level (the feed reads a limited number of levels), or every price of a side the book
 * shows empty. Others' orders at a price only hide a fill, never invent one. Pure.
 */
export function ownOrdersOnBook(own: readonly OwnOrder[], book: BookView): OwnOrder[] {
  const judged = (o: OwnOrder) => o.height !== undefined && o.height !== null && o.height <= book.height;
  const groups = new Map<string, OwnOrder[]>();
  for (const o of own) {
    if (!judged(o) || !covered(o.side, new Dec(o.price), o.side === 'buy' ? book.bids : book.asks)) continue;
    const key = `${o.side}:${new Dec(o.price).toString()}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const replaced = new Map<OwnOrder, OwnOrder | null>();
  if (groups.size === 0) return [...own];
  const shownAt = { buy: quantityByPrice(book.bids), sell: quantityByPrice(book.asks) };
  for (const orders of groups.values()) {
    const { side, price } = orders[0]!;
    const shown = shownAt[side].get(new Dec(price).toString()) ?? new Dec(0);
    let shortfall = Dec.max(0, orders.reduce((n, o) => n.add(o.quantity), new Dec(0)).sub(shown));
    for (const o of [...orders].sort((a, b) => a.createdAtMs - b.createdAtMs)) {
      if (shortfall.lte(0)) break;
      const quantity = new Dec(o.quantity);
      const eaten = Dec.min(quantity, shortfall);
      shortfall = shortfall.sub(eaten);
      replaced.set(o, eaten.eq(quantity) ? null : { ...o, quantity: quantity.sub(eaten).toString() });
    }
  }
  return own.flatMap((o) => {
    const r = replaced.get(o);
    return r === undefined ? [o] : r === null ? [] : [r];
  });
}

/** True when the snapshot's levels of `side` reach `price`: between the best and the deepest level, or any price of an empty side. */
function covered(side: Side, price: Decimal, levels: readonly BookLevel[]): boolean {
  const deepest = levels.at(-1);
  if (!deepest) return true;
  return side === 'buy' ? price.gte(deepest.price) : price.lte(deepest.price);
}

// every bot on the market reads the same snapshot's sides: each is indexed once
const indexed = new WeakMap<readonly BookLevel[], ReadonlyMap<string, Decimal>>();

/** A side's quantity per price, keyed by the price's normalised decimal text. */
function quantityByPrice(levels: readonly BookLevel[]): ReadonlyMap<string, Decimal> {
  let byPrice = indexed.get(levels);
  if (!byPrice) {
    byPrice = new Map(levels.map((l) => [new Dec(l.price).toString(), new Dec(l.quantity)]));
    indexed.set(levels, byPrice);
  }
  return byPrice;
}

/// <reference lib="dom" />
import type { BookLevel, BookSnapshot, StoredOrder } from '@mirrorbook/contracts';
import { h, replaceChildren } from './dom';
import { sameDecimal, shortDecimal } from './format';

/** Levels shown per side. */
const LEVELS = 12;

/** The testnet book as a ladder (asks above, bids below), the bots' own orders highlighted. */
export function renderLadder(element: HTMLElement, book: BookSnapshot | undefined, own: StoredOrder[]): void {
  if (!book) {
    replaceChildren(element, h('p', { class: 'muted' }, 'no book yet'));
    return;
  }
  const asks = book.asks.slice(0, LEVELS).reverse();
  const bids = book.bids.slice(0, LEVELS);
  // bar widths are drawing only: numbers are fine here
  const max = Math.max(1, ...[...asks, ...bids].map((l) => Number(l.quantity)));
  const row = (level: BookLevel, side: 'ask' | 'bid') => {
    const mine = own.filter((o) => o.side === (side === 'bid' ? 'buy' : 'sell') && sameDecimal(o.price, level.price));
    return h(
      'div',
      { class: `ladder-row ${side}${mine.length ? ' own' : ''}`, 'data-testid': 'ladder-row', 'data-side': side, 'data-own': mine.length ? 'true' : null, 'data-price': level.price },
      h('span', { class: 'bar', style: `width:${Math.round((Number(level.quantity) / max) * 100)}%` }),
      h('span', { class: 'price' }, shortDecimal(level.price, 8)),
      h('span', { class: 'qty' }, shortDecimal(level.quantity, 8)),
      h('span', { class: 'mine' }, mine.length ? `● own ×${mine.length}` : ''),
    );
  };
  replaceChildren(
    element,
    asks.map((l) => row(l, 'ask')),
    h('div', { class: 'ladder-spread' }, `${book.orderCount} levels · height ${book.height}`),
    bids.map((l) => row(l, 'bid')),
  );
}

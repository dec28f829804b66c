import type Decimal from 'decimal.js';
import type { ReferenceReading } from '../sources/reference-price.source';
import type { ReferenceSource } from '../settings/reference-source.resolver';
import { reject, type Verdict } from './verdict.model';

/** A reference reading fit to publish; human units. */
export interface ValidReference {
  readonly bid: Decimal | null;
  readonly ask: Decimal | null;
  /** the price the bots follow: mid of bid and ask, or the mark price */
  readonly price: Decimal;
  readonly source: ReferenceSource;
}

/**
 * Accepts a reference reading when every price present is positive, the top of book is not
 * crossed (bid < ask), and the price the source needs exists: both sides for `mid`, the mark
 * price for `mark`.
 */
export function validateReference(reading: Omit<ReferenceReading, 'height'>, source: ReferenceSource): Verdict<ValidReference> {
  const { bid, ask, mark } = reading;
  for (const [name, value] of [['bid', bid], ['ask', ask], ['mark', mark]] as const) {
    if (value !== null && value.lessThanOrEqualTo(0)) return reject('non-positive-price', `${name} ${value.toFixed()}`);
  }
  if (bid !== null && ask !== null && bid.greaterThanOrEqualTo(ask)) {
    return reject('crossed-book', `bid ${bid.toFixed()} >= ask ${ask.toFixed()}`);
  }
  if (source === 'mark') {
    if (mark === null) return reject('missing-price', 'no mark price');
    return { ok: true, value: { bid, ask, price: mark, source } };
  }
  if (bid === null || ask === null) return reject('missing-price', `no ${bid === null ? 'bid' : 'ask'} on the reference market`);
  return { ok: true, value: { bid, ask, price: bid.plus(ask).dividedBy(2), source } };
}

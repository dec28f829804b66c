import type { Network, PriceTick } from '@mirrorbook/contracts';
import { toDecimalString } from '@mirrorbook/market';
import type { ValidBook } from '../validation/book.validator';
import type { ValidReference } from '../validation/reference.validator';

/** Where and when a reading was taken. */
export interface ReadingStamp {
  readonly net: Network;
  readonly market: string;
  /** block height known when the read started */
  readonly height: number;
  /** when the feed read it, ms since epoch */
  readonly ts: number;
}

export type PriceTickDraft = Omit<PriceTick, 'seq'>;

/** The `reference` tick of a validated reference reading (pure). */
export function referenceTick(stamp: ReadingStamp, reference: ValidReference): PriceTickDraft {
  return {
    v: 1,
    net: stamp.net,
    role: 'reference',
    market: stamp.market,
    bid: reference.bid === null ? null : toDecimalString(reference.bid),
    ask: reference.ask === null ? null : toDecimalString(reference.ask),
    mid: toDecimalString(reference.price),
    last: null,
    source: reference.source,
    height: stamp.height,
    ts: stamp.ts,
  };
}

/** The `trading` tick of a validated book: its top and mid; null while a side is empty (pure). */
export function tradingTick(stamp: ReadingStamp, book: ValidBook): PriceTickDraft | null {
  const bid = book.bids[0]?.price;
  const ask = book.asks[0]?.price;
  if (!bid || !ask) return null;
  return {
    v: 1,
    net: stamp.net,
    role: 'trading',
    market: stamp.market,
    bid: toDecimalString(bid),
    ask: toDecimalString(ask),
    mid: toDecimalString(bid.plus(ask).dividedBy(2)),
    last: null,
    source: 'mid',
    height: stamp.height,
    ts: stamp.ts,
  };
}

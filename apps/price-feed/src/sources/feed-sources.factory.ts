import type { LcdHostPool } from '../lcd/lcd-host.pool';
import type { FeedSettings } from '../settings/feed.settings';
import type { BookSource } from './book.source';
import { LcdBookSource } from './lcd-book.source';
import { LcdReferencePriceSource } from './lcd-reference-price.source';
import type { ReferencePriceSource } from './reference-price.source';

/** Injection token of the feed's `FeedSources`. */
export const FEED_SOURCES = Symbol('FEED_SOURCES');

/** The sources every pair is read from, one per side the feed polls (`FeedSide`). */
export interface FeedSources {
  /** the reference side's price */
  readonly reference: ReferencePriceSource;
  /** the trading side's book */
  readonly book: BookSource;
  /** the reference side's book (on the sim: its mainnet-side market) */
  readonly refBook: BookSource;
}

/** LCD-backed sources on the endpoints the settings name (one shared client per host). */
export function lcdFeedSources(settings: Pick<FeedSettings, 'endpoints'>, pool: LcdHostPool): FeedSources {
  const reference = pool.forUrl(settings.endpoints.reference.config.lcdUrl);
  return {
    reference: new LcdReferencePriceSource(reference),
    book: new LcdBookSource(pool.forUrl(settings.endpoints.trading.config.lcdUrl), (m) => m.tradingMarketId),
    refBook: new LcdBookSource(reference, (m) => m.referenceMarketId),
  };
}

import type { LcdHostPool } from '../lcd/lcd-host.pool';
import type { FeedSettings } from '../settings/feed.settings';
import type { BookSource } from './book.source';
import { LcdBookSource } from './lcd-book.source';
import { LcdReferencePriceSource } from './lcd-reference-price.source';
import type { ReferencePriceSource } from './reference-price.source';

/** Injection token of the feed's `FeedSources`. */
export const FEED_SOURCES = Symbol('FEED_SOURCES');

/** The two sources every pair is read from. */
export interface FeedSources {
  readonly reference: ReferencePriceSource;
  readonly book: BookSource;
}

/** LCD-backed sources on the endpoints the settings name (one shared client per host). */
export function lcdFeedSources(settings: Pick<FeedSettings, 'endpoints'>, pool: LcdHostPool): FeedSources {
  return {
    reference: new LcdReferencePriceSource(pool.forUrl(settings.endpoints.reference.config.lcdUrl)),
    book: new LcdBookSource(pool.forUrl(settings.endpoints.trading.config.lcdUrl)),
  };
}

import type { AppConfig } from '@mirrorbook/config';
import type { NetworkSides } from '@mirrorbook/injective';
import { resolveReferenceSource, type ReferenceSource } from './reference-source.resolver';

/** Injection token of the price-feed's `FeedSettings`. */
export const FEED_SETTINGS = Symbol('FEED_SETTINGS');

/** One enabled pair as the feed polls it. */
export interface FeedMarket {
  readonly key: string;
  readonly type: 'spot' | 'derivative';
  /** market id on the reference side (mainnet, or its stand-in on the sim) */
  readonly referenceMarketId: string;
  /** market id on the trading side (testnet, or its stand-in on the sim) */
  readonly tradingMarketId: string;
  readonly referenceSource: ReferenceSource;
}

/** Everything the feed needs from the validated configuration, with units in the names. */
export interface FeedSettings {
  readonly markets: readonly FeedMarket[];
  /** where the reference and the trading side are read (`networkSides` of NETWORK) */
  readonly endpoints: FeedEndpoints;
  /** wanted interval between two polls of one market, ms */
  readonly pollIntervalMs: number;
  /** configured staleness threshold, ms (the evaluator raises it to 3 intervals in force) */
  readonly staleAfterMs: number;
  /** a side failing for this long is down, ms */
  readonly downAfterMs: number;
  /** requests per second per LCD host */
  readonly requestBudgetPerSecond: number;
  /** how far from mid (percent) a book side should reach */
  readonly bookDepthPct: number;
  /** wanted interval between two reads of one market's reference book, ms (rounded up to whole polls) */
  readonly refBookIntervalMs: number;
  /** unchanged snapshots are republished once per this interval, ms */
  readonly republishIntervalMs: number;
  /** why some pairs use another reference source than configured (logged at start) */
  readonly notes: readonly string[];
}

/** The two sides the feed reads; `config.name` is the `<net>` of what it publishes. */
export type FeedEndpoints = Pick<NetworkSides, 'reference' | 'trading'>;

/** The feed's settings from the app config and the resolved endpoints (pure). */
export function feedSettingsFrom(config: Pick<AppConfig, 'env' | 'markets'>, endpoints: FeedEndpoints): FeedSettings {
  const notes: string[] = [];
  const markets = config.markets
    .filter((pair) => pair.enabled)
    .map((pair): FeedMarket => {
      const resolved = resolveReferenceSource(pair);
      if (resolved.note) notes.push(resolved.note);
      return {
        key: pair.key,
        type: pair.type,
        referenceMarketId: endpoints.reference.marketId(pair),
        tradingMarketId: endpoints.trading.marketId(pair),
        referenceSource: resolved.source,
      };
    });
  const { env } = config;
  return {
    markets,
    endpoints,
    pollIntervalMs: env.FEED_POLL_INTERVAL_MS,
    staleAfterMs: env.FEED_STALE_AFTER_MS,
    downAfterMs: env.FEED_DOWN_AFTER_MS,
    requestBudgetPerSecond: env.FEED_REQUEST_BUDGET_PER_S,
    bookDepthPct: env.FEED_BOOK_DEPTH_PCT,
    refBookIntervalMs: env.FEED_REF_BOOK_INTERVAL_MS,
    republishIntervalMs: env.HEARTBEAT_INTERVAL_MS,
    notes,
  };
}

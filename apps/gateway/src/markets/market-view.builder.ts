import { Inject, Injectable } from '@nestjs/common';
import type { BookSnapshot, PriceTick } from '@mirrorbook/contracts';
import { APP_CONFIG, type AppConfig, type MarketPair } from '@mirrorbook/config';
import { DEPTH_BANDS_PCT, depthWithin, toDecimalString, type BookSides } from '@mirrorbook/market';
import { LiveMarketCache } from '../live/live-market.cache';
import { QualityMonitor } from '../quality/quality.monitor';
import type { DepthBandView, MarketView, PriceSummary } from './market.view';
import { priceGap } from './price-gap';

const summary = (tick: PriceTick | undefined): PriceSummary | null =>
  tick ? { net: tick.net, mid: tick.mid, bid: tick.bid, ask: tick.ask, last: tick.last, ts: tick.ts, seq: tick.seq } : null;

/**
 * The trading tick, unless a newer book shows a side empty: the feed publishes no price while a
 * side is empty, so the last tick would otherwise keep showing a testnet mid that no longer exists.
 */
export function currentTradingTick(tick: PriceTick | undefined, book: BookSnapshot | undefined): PriceTick | undefined {
  if (!tick || !book || book.ts <= tick.ts) return tick;
  return book.bids.length === 0 || book.asks.length === 0 ? undefined : tick;
}

/**
 * The book's depth within each band around `center` (quote per base), as the API shows it: levels,
 * base quantity and quote notional per side, measured by `depthWithin` of libs/market.
 */
export function depthBands(book: BookSides, center: string, pcts: readonly string[] = DEPTH_BANDS_PCT): DepthBandView[] {
  return pcts.map((pct) => {
    const { bids, asks } = depthWithin(book, center, pct);
    return {
      pct,
      bidLevels: bids.levels,
      askLevels: asks.levels,
      bidQuantity: toDecimalString(bids.baseQuantity),
      askQuantity: toDecimalString(asks.baseQuantity),
      bidNotional: toDecimalString(bids.quoteNotional),
      askNotional: toDecimalString(asks.quoteNotional),
    };
  });
}

/** Market views from the configured pairs and the latest market data. */
@Injectable()
export class MarketViewBuilder {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly liveMarkets: LiveMarketCache,
    private readonly quality?: QualityMonitor,
  ) {}

  /** Every configured pair, with what is known now (call `liveMarkets.refreshFromRedis()` first for late data). */
  all(): MarketView[] {
    return this.config.markets.map((pair) => this.build(pair));
  }

  /** One pair by key, or undefined when not configured. */
  one(key: string): MarketView | undefined {
    const pair = this.config.markets.find((m) => m.key === key);
    return pair && this.build(pair);
  }

  private build(pair: MarketPair): MarketView {
    const reference = this.liveMarkets.price('reference', pair.key);
    const book = this.liveMarkets.book(pair.key);
    const trading = currentTradingTick(this.liveMarkets.price('trading', pair.key), book);
    const gap = reference && trading ? priceGap(trading.mid, reference.mid) : null;
    const center = reference ?? trading;
    return {
      key: pair.key,
      type: pair.type,
      enabled: pair.enabled,
      mainnetMarketId: pair.mainnetMarketId,
      testnetMarketId: pair.testnetMarketId,
      reference: summary(reference),
      trading: summary(trading),
      gapPct: gap?.gapPct ?? null,
      direction: gap?.direction ?? null,
      depth:
        book && center
          ? {
              around: center.role,
              center: center.mid,
              bands: depthBands(book, center.mid),
              orderCount: book.orderCount,
              height: book.height,
              ts: book.ts,
              seq: book.seq,
            }
          : null,
      feed: this.liveMarkets.status(pair.key) ?? null,
      quality: this.quality?.latest(pair.key) ?? null,
      depthScale: this.quality?.depthScale(pair.key) ?? null,
      bots: this.config.bots.filter((b) => b.markets.includes(pair.key)).map((b) => b.id),
    };
  }
}

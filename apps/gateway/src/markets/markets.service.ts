import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@mirrorbook/config';
import { LiveMarketCache } from '../live/live-market.cache';
import type { MarketView } from './market.view';
import { MarketViewBuilder } from './market-view.builder';
import { PriceHistoryReader } from './price-history.reader';
import type { PriceHistory } from './price-history.view';
import { UnknownMarketError } from './unknown-market.error';

const DEFAULT_RANGE_MS = 60 * 60_000;

/** Market pairs with live data, and their price history. */
@Injectable()
export class MarketsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly liveMarkets: LiveMarketCache,
    private readonly views: MarketViewBuilder,
    private readonly history: PriceHistoryReader,
  ) {}

  async list(): Promise<MarketView[]> {
    await this.liveMarkets.refreshFromRedis();
    return this.views.all();
  }

  /** Both mids of `market` over [from, to] (default: the hour before now), at most `points` each. */
  priceHistory(market: string, query: { from?: number; to?: number; points: number }): Promise<PriceHistory> {
    if (!this.config.markets.some((m) => m.key === market)) throw new UnknownMarketError(market);
    const to = query.to ?? Date.now();
    const from = query.from ?? to - DEFAULT_RANGE_MS;
    return this.history.read(market, from, to, query.points);
  }
}

import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@mirrorbook/config';
import { RedisService } from '@mirrorbook/redis';
import { MessagingService } from '@mirrorbook/messaging';
import { BotParamsResolver } from './bots/bot-params.resolver';
import { CycleStateStore } from './cycle/cycle-state.store';
import { ReferenceFeedCache } from './market-data/reference-feed.cache';
import { lcdMarketFetcher } from './markets/lcd-market.fetcher';
import { MarketCatalog } from './markets/market.catalog';
import { StrategyStats } from './metrics/strategy.stats';
import { STRATEGY_SETTINGS, strategySettings, type StrategySettings } from './settings/strategy.settings';
import { MarketStateReader } from './state/market-state.reader';
import { MarketEvaluator } from './worker/market.evaluator';
import { SnapshotWorker } from './worker/snapshot.worker';

/** The strategy app's own providers; the shared service modules come from runService. */
@Module({
  providers: [
    { provide: STRATEGY_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => strategySettings(config.env) },
    {
      provide: MarketCatalog,
      inject: [APP_CONFIG, STRATEGY_SETTINGS, RedisService],
      useFactory: async (config: AppConfig, settings: StrategySettings, redis: RedisService) =>
        new MarketCatalog(config.markets, config.env.NETWORK === 'testnet' ? await lcdMarketFetcher(config.env, redis) : undefined, settings.marketRefreshMs),
    },
    { provide: ReferenceFeedCache, inject: [MessagingService], useFactory: (messaging: MessagingService) => new ReferenceFeedCache(messaging) },
    { provide: StrategyStats, useFactory: () => new StrategyStats() },
    {
      provide: MarketEvaluator,
      inject: [APP_CONFIG, STRATEGY_SETTINGS, MarketCatalog, ReferenceFeedCache, StrategyStats, RedisService, MessagingService],
      useFactory: (
        config: AppConfig,
        settings: StrategySettings,
        catalog: MarketCatalog,
        referenceFeed: ReferenceFeedCache,
        stats: StrategyStats,
        redis: RedisService,
        messaging: MessagingService,
      ) =>
        new MarketEvaluator({
          config,
          settings,
          catalog,
          referenceFeed,
          stats,
          messaging,
          reader: new MarketStateReader(redis.client),
          cycles: new CycleStateStore(redis.client),
          params: new BotParamsResolver(config),
        }),
    },
    SnapshotWorker,
  ],
})
export class StrategyModule {}

import { Module } from '@nestjs/common';
import { APP_CONFIG, chainLcdBudgetPerSecond, type AppConfig } from '@mirrorbook/config';
import { lcdUrlsFromEnv, networkSides, RateLimiter } from '@mirrorbook/injective';
import { lcdHostLimiter, RedisService } from '@mirrorbook/redis';
import { heightRefreshMs } from './budget/poll-budget.calculator';
import { LcdHostPool } from './lcd/lcd-host.pool';
import { FeedStateStore } from './polling/feed-state.store';
import { MarketPoller } from './polling/market.poller';
import { PollScheduler } from './polling/poll.scheduler';
import { SnapshotPublisher } from './publishing/snapshot.publisher';
import { FEED_SETTINGS, feedSettingsFrom, type FeedSettings } from './settings/feed.settings';
import { FEED_SOURCES, lcdFeedSources } from './sources/feed-sources.factory';
import { StatusReporter } from './status/status.reporter';

/** The price-feed app's own providers; the shared service modules come from runService. */
@Module({
  providers: [
    {
      provide: FEED_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): FeedSettings => feedSettingsFrom(config, networkSides(config.env.NETWORK, lcdUrlsFromEnv(config.env))),
    },
    {
      provide: LcdHostPool,
      inject: [FEED_SETTINGS, APP_CONFIG, RedisService],
      useFactory: (s: FeedSettings, config: AppConfig, redis: RedisService) =>
        new LcdHostPool(s.requestBudgetPerSecond, heightRefreshMs(s.pollIntervalMs, s.requestBudgetPerSecond), (lcdUrl) =>
          lcdHostLimiter(redis, lcdUrl, chainLcdBudgetPerSecond(config.env), new RateLimiter({ ratePerSecond: chainLcdBudgetPerSecond(config.env) })),
        ),
    },
    { provide: FEED_SOURCES, inject: [FEED_SETTINGS, LcdHostPool], useFactory: lcdFeedSources },
    FeedStateStore,
    SnapshotPublisher,
    MarketPoller,
    StatusReporter,
    PollScheduler,
  ],
})
export class PriceFeedModule {}


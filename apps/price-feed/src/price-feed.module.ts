import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@mirrorbook/config';
import { lcdUrlsFromEnv, networkSides } from '@mirrorbook/injective';
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
      inject: [FEED_SETTINGS],
      useFactory: (s: FeedSettings) =>
        new LcdHostPool(s.requestBudgetPerSecond, heightRefreshMs(s.pollIntervalMs, s.requestBudgetPerSecond)),
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

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'nats';
import { subjects } from '@mirrorbook/contracts';
import { APP_CONFIG, type AppConfig } from '@mirrorbook/config';
import { MessagingService } from '@mirrorbook/messaging';
import { ExecTailConsumer } from '../activity/exec-tail.consumer';
import { BotsService } from '../bots/bots.service';
import { TopicHub } from '../realtime/topic.hub';
import { LiveMarketCache } from './live-market.cache';
import { ServiceRegistry } from './service.registry';

/**
 * Listens to the bus once NATS is up — md.price/book/status, heartbeats, bot.state and the EXEC
 * tail — keeps the caches current and turns each change into a delta on the topic hub.
 */
@Injectable()
export class LiveFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveFeed.name);
  private readonly subscriptions: Subscription[] = [];
  private closing = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly messaging: MessagingService,
    private readonly liveMarkets: LiveMarketCache,
    private readonly registry: ServiceRegistry,
    private readonly hub: TopicHub,
    private readonly bots: BotsService,
    private readonly execTail: ExecTailConsumer,
  ) {}

  onApplicationBootstrap(): void {
    void this.start().catch((error: Error) => this.logger.error(`live feed did not start: ${error.message}`));
  }

  private async start(): Promise<void> {
    await this.messaging.ready();
    if (this.closing) return;
    const { messaging, liveMarkets, hub } = this;
    this.subscriptions.push(
      messaging.subscribe(subjects.all('mdPrice'), (tick) => {
        if (liveMarkets.applyPrice(tick)) hub.publish('prices', 'tick', tick);
      }),
      messaging.subscribe(subjects.all('mdStatus'), (status) => {
        if (liveMarkets.applyStatus(status)) hub.publish('prices', 'status', status);
      }),
      messaging.subscribe(subjects.all('mdBook'), (book) => {
        if (liveMarkets.applyBook(book)) hub.publish('books', 'book', book);
      }),
      messaging.subscribe(subjects.all('heartbeat'), (beat) => {
        const { view, changed } = this.registry.record(beat);
        hub.publish('services', 'service', view);
        if (changed && beat.wallet) this.publishBots(this.config.bots.filter((b) => b.wallet === beat.wallet?.id).map((b) => b.id));
      }),
      messaging.subscribe(subjects.all('botState'), (state) => this.publishBots([state.bot])),
    );
    await this.execTail.start((item) => {
      hub.publish('activity', 'activity', item);
      if (item.kind === 'execution') hub.publish('executions', 'report', item);
    });
  }

  /** Re-reads and publishes the views of these bots (state in Redis, executor, balances). */
  private publishBots(ids: string[]): void {
    for (const id of ids) {
      if (!this.config.bots.some((b) => b.id === id)) continue;
      this.bots
        .get(id)
        .then((view) => this.hub.publish('bots', 'bot', view))
        .catch((error: Error) => this.logger.warn(`bot ${id} changed but its view could not be read: ${error.message}`));
    }
  }

  onApplicationShutdown(): void {
    this.closing = true;
    for (const sub of this.subscriptions) sub.unsubscribe();
  }
}

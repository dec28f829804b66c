import { Injectable } from '@nestjs/common';
import { subjects } from '@mirrorbook/contracts';
import { ACTIVITY_FILTERS } from '../activity/activity.subjects';
import { ExecStreamReader } from '../activity/exec-stream.reader';
import { BotsService } from '../bots/bots.service';
import { LiveMarketCache } from '../live/live-market.cache';
import { ServiceRegistry } from '../live/service.registry';
import { RedisService } from '@mirrorbook/redis';
import type { Topic } from './topic.hub';

/** Entries in the executions and activity snapshots. */
const RECENT = 50;

/** The current state of a topic, sent to a client before its deltas. */
@Injectable()
export class SnapshotProvider {
  constructor(
    private readonly liveMarkets: LiveMarketCache,
    private readonly registry: ServiceRegistry,
    private readonly bots: BotsService,
    private readonly exec: ExecStreamReader,
    private readonly redis: RedisService,
  ) {}

  async build(topic: Topic): Promise<unknown> {
    switch (topic) {
      case 'prices':
        await this.refreshMarketData();
        return { ticks: this.liveMarkets.allPrices(), statuses: this.liveMarkets.allStatuses() };
      case 'books':
        await this.refreshMarketData();
        return this.liveMarkets.allBooks();
      case 'bots':
        return this.bots.list();
      case 'executions':
        return (await this.exec.page({ filters: [subjects.all('execReport').subject], limit: RECENT })).items;
      case 'activity':
        return (await this.exec.page({ filters: ACTIVITY_FILTERS, limit: RECENT })).items;
      case 'services':
        return this.registry.list();
    }
  }

  // what NATS delivered is enough while Redis is away; Redis only adds what came before this process
  private async refreshMarketData(): Promise<void> {
    if (this.redis.isReady()) await this.liveMarkets.refreshFromRedis();
  }
}

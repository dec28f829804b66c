import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { subjects, type Heartbeat } from '@mirrorbook/contracts';
import { MessagingService } from '@mirrorbook/messaging';
import { LifecycleService } from './lifecycle.service';
import { SERVICE_IDENTITY, type ServiceIdentity } from './service.identity';

/** Adds service-specific facts (an executor's wallet and unavailable markets, a feed's market count) to the heartbeat. */
export type HeartbeatContributor = () => Partial<Pick<Heartbeat, 'wallet' | 'unavailableMarkets' | 'details'>>;

/** Publishes `svc.heartbeat.<app>.<instance>` every interval and at once on each state change. */
@Injectable()
export class HeartbeatService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(HeartbeatService.name);
  private timer: NodeJS.Timeout | undefined;
  private readonly contributors: HeartbeatContributor[] = [];

  constructor(
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    private readonly lifecycle: LifecycleService,
    private readonly messaging: MessagingService,
  ) {}

  contribute(contributor: HeartbeatContributor): void {
    this.contributors.push(contributor);
  }

  onApplicationBootstrap(): void {
    this.lifecycle.on('change', () => this.beat());
    void this.messaging.ready().then(() => this.beat());
    this.timer = setInterval(() => this.beat(), this.identity.heartbeatIntervalMs);
    this.timer.unref();
  }

  /** The heartbeat as it would be published now. */
  current(): Heartbeat {
    const extra = Object.assign({}, ...this.contributors.map((c) => c()));
    return {
      v: 1,
      app: this.identity.app,
      instance: this.identity.instance,
      version: this.identity.version,
      state: this.lifecycle.state,
      uptimeS: Math.round((Date.now() - this.lifecycle.startedAt) / 1000),
      rssBytes: process.memoryUsage.rss(),
      ...extra,
      ts: Date.now(),
    };
  }

  private beat(): void {
    if (!this.messaging.isConnected()) return;
    try {
      this.messaging.publish(subjects.heartbeat(this.identity.app, this.identity.instance), this.current());
    } catch (error) {
      this.logger.warn(`heartbeat not published: ${(error as Error).message}`);
    }
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.beat();
  }
}

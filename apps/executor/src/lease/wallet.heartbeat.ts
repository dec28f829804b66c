import { Logger } from '@nestjs/common';
import { subjects, type Heartbeat } from '@mirrorbook/contracts';
import type { MessagingService } from '@mirrorbook/messaging';
import type { LifecycleService, ServiceIdentity } from '@mirrorbook/observability';

/**
 * The heartbeat of one wallet of a process that signs for several (`EXECUTOR_WALLETS`), published
 * as its own executor instance `<instance>-<wallet>` (`svc.heartbeat.executor.<instance>-<wallet>`)
 * with that wallet's state and facts: the gateway and the CLI see one executor per wallet, as with
 * one wallet per process. The process's own heartbeat lists the wallets (`details.wallets`).
 */
export class WalletHeartbeat {
  private readonly logger = new Logger(WalletHeartbeat.name);
  private timer: NodeJS.Timeout | undefined;
  private readonly onChange = () => this.beat();

  constructor(
    private readonly identity: ServiceIdentity,
    private readonly walletId: string,
    private readonly lifecycle: LifecycleService,
    private readonly messaging: MessagingService,
    private readonly facts: () => Pick<Heartbeat, 'wallet' | 'unavailableMarkets' | 'details'>,
  ) {}

  /** The instance name this wallet's heartbeats go out under. */
  get instance(): string {
    return `${this.identity.instance}-${this.walletId}`;
  }

  start(): void {
    this.lifecycle.on('change', this.onChange);
    void this.messaging.ready().then(() => this.beat());
    this.timer = setInterval(() => this.beat(), this.identity.heartbeatIntervalMs);
    this.timer.unref();
  }

  /** The heartbeat as it would be published now. */
  current(): Heartbeat {
    return {
      v: 1,
      app: this.identity.app,
      instance: this.instance,
      version: this.identity.version,
      state: this.lifecycle.state,
      uptimeS: Math.round((Date.now() - this.lifecycle.startedAt) / 1000),
      // the process's: its wallets share it
      rssBytes: process.memoryUsage.rss(),
      ...this.facts(),
      ts: Date.now(),
    };
  }

  /** A last beat (the wallet's final state) and no more. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.lifecycle.off('change', this.onChange);
    this.beat();
  }

  private beat(): void {
    if (!this.messaging.isConnected()) return;
    try {
      this.messaging.publish(subjects.heartbeat(this.identity.app, this.instance), this.current());
    } catch (error) {
      this.logger.warn(`heartbeat of wallet ${this.walletId} not published: ${(error as Error).message}`);
    }
  }
}

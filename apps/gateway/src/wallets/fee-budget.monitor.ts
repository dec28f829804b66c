import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@mirrorbook/config';
import { ReadinessRegistry } from '@mirrorbook/observability';
import { RedisService } from '@mirrorbook/redis';
import type { FeeReport } from '@mirrorbook/market';
import { FeesReader } from './fees.reader';

/** The wallets whose fee budget is paused, wallet id → the record's reason: what `/health` lists as degraded. */
export function pausedBudgets(reports: ReadonlyMap<string, FeeReport>): Record<string, string> {
  const paused: Record<string, string> = {};
  for (const [wallet, report] of reports) {
    const budget = report.record?.budget;
    if (budget?.state === 'paused') paused[wallet] = budget.reason ?? 'fee budget paused';
  }
  return paused;
}

/**
 * Reads every configured wallet's `fees:<wallet>` once a heartbeat interval so `/health` can say,
 * without a Redis round trip, which wallets' bots are paused by their fee budget (`degraded.feeBudget`,
 * never not-ready: the gateway itself works).
 */
@Injectable()
export class FeeBudgetMonitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(FeeBudgetMonitor.name);
  private paused: Record<string, string> = {};
  private timer: NodeJS.Timeout | undefined;
  private reading = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly fees: FeesReader,
    private readonly redis: RedisService,
    readiness: ReadinessRegistry,
  ) {
    readiness.registerDegradation('feeBudget', () => this.paused);
  }

  onApplicationBootstrap(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.config.env.HEARTBEAT_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Re-reads the records; while Redis is away the last answer stands (`/health` is not ready then anyway). */
  async refresh(): Promise<void> {
    // one read at a time: a slow Redis must not pile reads up behind the interval
    if (this.reading || !this.redis.isReady()) return;
    this.reading = true;
    try {
      this.paused = pausedBudgets(await this.fees.read(this.config.wallets.map((w) => w.id)));
    } catch (error) {
      this.logger.debug(`fee records not read: ${(error as Error).message}`);
    } finally {
      this.reading = false;
    }
  }
}

import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@mirrorbook/config';
import type { ServiceState } from '@mirrorbook/contracts';
import { MessagingService } from '@mirrorbook/messaging';
import { HeartbeatService, LifecycleService, ReadinessRegistry, SERVICE_IDENTITY, type ServiceIdentity } from '@mirrorbook/observability';
import { RedisService } from '@mirrorbook/redis';
import { createExecutorEngine } from '../engine/executor-engine.factory';
import { executorSettings } from '../settings/executor.settings';
import { LEASE_HOLDER } from '../shared/lease-holder';
import { EXECUTOR_WALLETS, type ExecutorWallet } from '../wallet/executor-wallet';
import { ExecutorRunner } from './executor.runner';
import { WalletHeartbeat } from './wallet.heartbeat';

/**
 * The process's state from its wallets' (several wallets in one process): running while one
 * runs, paused while none runs and one is paused by its breaker, standby otherwise (a wallet
 * stopped for a configuration error counts for nothing).
 */
export function processState(wallets: readonly ServiceState[]): ServiceState {
  if (wallets.includes('running')) return 'running';
  if (wallets.includes('paused')) return 'paused';
  return 'standby';
}

/**
 * One `ExecutorRunner` per wallet the process signs for (`WALLET_ID`, or `EXECUTOR_WALLETS`),
 * each with its own engine: lease, sequence, breaker, fee meter, intent consumer and key. A
 * failure in one wallet's tenure (an exception, its breaker, its lease lost, a configuration
 * error found after start) ends or pauses that tenure only. With one wallet nothing changes: the
 * runner drives the process's state and heartbeat. With several, each wallet has its own state
 * and heartbeat (`WalletHeartbeat`), and `/health` names its checks per wallet.
 */
@Injectable()
export class ExecutorTenures implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ExecutorTenures.name);
  readonly runners: readonly ExecutorRunner[];
  private readonly heartbeats: WalletHeartbeat[] = [];
  /** each wallet's own state, when there are several */
  private readonly walletLifecycles: LifecycleService[] = [];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    redis: RedisService,
    messaging: MessagingService,
    lifecycle: LifecycleService,
    heartbeat: HeartbeatService,
    readiness: ReadinessRegistry,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
    @Inject(LEASE_HOLDER) holder: string,
    @Inject(EXECUTOR_WALLETS) private readonly wallets: readonly ExecutorWallet[],
  ) {
    const grouped = wallets.length > 1;
    const lifecycles = wallets.map(() => (grouped ? new LifecycleService() : lifecycle));
    this.runners = wallets.map((wallet, i) => {
      const settings = executorSettings(config, wallet.id);
      const own = lifecycles[i]!;
      const engine = createExecutorEngine({
        config,
        settings,
        wallet,
        redis,
        messaging,
        lifecycle: own,
        leaseHolder: holder,
        grouped,
        // every wallet's registry hears bot.state.>: an invalid message is counted once per process
        countInvalidBotStates: i === 0,
      });
      return new ExecutorRunner({ engine, redis, lifecycle: own, readiness, identity, settings, wallet, holder, grouped });
    });
    if (!grouped) {
      heartbeat.contribute(() => this.runners[0]!.heartbeatFacts());
      return;
    }
    this.walletLifecycles.push(...lifecycles);
    heartbeat.contribute(() => ({ details: { wallets: wallets.map((w) => w.id).join(',') } }));
    this.runners.forEach((runner, i) => this.heartbeats.push(new WalletHeartbeat(identity, wallets[i]!.id, lifecycles[i]!, messaging, () => runner.heartbeatFacts())));
    // a wallet stopped for a configuration error degrades the process; its other wallets trade
    readiness.registerDegradation('walletStopped', () =>
      Object.fromEntries(this.runners.flatMap((runner, i) => (runner.stoppedReason === undefined ? [] : [[wallets[i]!.id, runner.stoppedReason]]))),
    );
    const follow = () => {
      const wallet = lifecycles.filter((l) => l.state !== 'stopping' && l.state !== 'stopped').map((l) => l.state);
      if (!lifecycle.stopping) lifecycle.transition(processState(wallet));
    };
    for (const own of lifecycles) own.on('change', follow);
  }

  /** Starts every wallet's runner (after the HTTP server is up). */
  start(): void {
    if (this.wallets.length > 1) this.logger.log(`one process for wallets ${this.wallets.map((w) => w.id).join(', ')}: one tenure each`);
    for (const heartbeat of this.heartbeats) heartbeat.start();
    for (const runner of this.runners) runner.start();
  }

  /** Every wallet's ordered shutdown at once (each finishes its tx in flight and releases its lease). */
  async beforeApplicationShutdown(): Promise<void> {
    // each wallet's heartbeat says stopping, then stopped (a wallet stopped for a configuration error already is)
    for (const own of this.walletLifecycles) own.transition('stopping');
    await Promise.all(this.runners.map((runner) => runner.shutdown()));
    for (const own of this.walletLifecycles) own.transition('stopped');
    for (const heartbeat of this.heartbeats) heartbeat.stop();
  }
}

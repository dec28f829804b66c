import { Logger } from '@nestjs/common';
import { ConfigError } from '@mirrorbook/config';
import { redisKeys, type Heartbeat } from '@mirrorbook/contracts';
import { DuplicateInstanceError, InstanceClaim, Lease } from '@mirrorbook/locking';
import type { RedisService } from '@mirrorbook/redis';
import type { LifecycleService, ReadinessRegistry, ServiceIdentity } from '@mirrorbook/observability';
import type { ExecutorEngine } from '../engine/executor.engine';
import type { ExecutorSettings } from '../settings/executor.settings';
import { BatchNotAppliedError } from '../shared/batch-not-applied.error';
import { exitOnConfigError } from '../shared/config-error.exit';
import { executorMetrics } from '../shared/executor.metrics';
import { LeaseLostError } from '../shared/lease-lost.error';
import type { TenureGuard } from '../shared/tenure.guard';
import type { ExecutorWallet } from '../wallet/executor-wallet';

// what is left of SHUTDOWN_TIMEOUT_MS for releasing the lease and draining connections
const SHUTDOWN_MARGIN_MS = 2000;

/**
 * Less than this share of the ttl left on the local lease deadline: no broadcast. A renewal every
 * ttl/3 keeps about 2/3 left; below 1/3 at least one renewal failed to come back.
 */
export function leaseBroadcastMarginMs(ttlMs: number): number {
  return Math.floor(ttlMs / 3);
}

/** What one wallet's runner is built on. */
export interface ExecutorRunnerParts {
  readonly engine: ExecutorEngine;
  readonly redis: RedisService;
  /** the wallet's state: the process's own, or (several wallets in one process) the wallet's */
  readonly lifecycle: Pick<LifecycleService, 'transition' | 'state'>;
  readonly readiness: ReadinessRegistry;
  readonly identity: ServiceIdentity;
  readonly settings: ExecutorSettings;
  readonly wallet: ExecutorWallet;
  /** the process's unique lease holder value */
  readonly holder: string;
  /**
   * One of several wallets of the process (`EXECUTOR_WALLETS`): its readiness checks and
   * degradations are named `<name>:<wallet>`, and a configuration error found after start (a
   * leverage the market refuses, its key used by another running wallet id) stops this wallet
   * only, listed in `/health` as `degraded.walletStopped`, instead of stopping the process.
   */
  readonly grouped: boolean;
}

/**
 * One active executor per wallet (docs/architecture.md#lease-and-fencing): waits as a standby until the wallet's lease is
 * free, then runs the engine for as long as it holds it. Losing the lease ends the tenure at once
 * (nothing more is broadcast) and the wallet goes back to standby. On shutdown: stop taking
 * work, finish the tx in flight, optionally cancel everything, release the lease. A process that
 * signs for several wallets runs one of these per wallet (`ExecutorTenures`), each with its own
 * lease, engine, sequence, breaker and key.
 */
export class ExecutorRunner {
  private readonly logger: Logger;
  private readonly engine: ExecutorEngine;
  private readonly lifecycle: ExecutorRunnerParts['lifecycle'];
  private readonly settings: ExecutorSettings;
  private readonly wallet: ExecutorWallet;
  private readonly lease: Lease;
  private readonly claims: { claim: InstanceClaim; refusal: (other: string) => string }[];
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;
  private tenure: { controller: AbortController; done: Promise<void> } | undefined;
  /** why this wallet stopped for good while the process goes on (grouped only) */
  private halted: string | undefined;

  constructor(private readonly parts: ExecutorRunnerParts) {
    const { engine, redis, readiness, identity, settings, wallet, holder, grouped } = parts;
    this.engine = engine;
    this.lifecycle = parts.lifecycle;
    this.settings = settings;
    this.wallet = wallet;
    this.logger = new Logger(grouped ? `${ExecutorRunner.name}:${wallet.id}` : ExecutorRunner.name);
    this.lease = new Lease(redis.client, {
      key: redisKeys.executorLease(wallet.id),
      fenceKey: redisKeys.executorFence(wallet.id),
      holderId: holder,
      ttlMs: settings.leaseTtlMs,
    });
    this.claims = [
      {
        claim: new InstanceClaim(redis.client, { key: redisKeys.executorInstance(wallet.id, identity.instance), value: holder, ttlMs: settings.leaseTtlMs }),
        refusal: (other) => `INSTANCE_ID ${identity.instance} is already in use for wallet ${wallet.id} (process ${other} is alive): give every executor process its own INSTANCE_ID`,
      },
      {
        // two wallet ids with one key would race on one account sequence
        claim: new InstanceClaim(redis.client, { key: redisKeys.executorAddress(wallet.wallet.injAddress), value: wallet.id, ttlMs: settings.leaseTtlMs }),
        refusal: (other) => `wallet ${wallet.id} signs for ${wallet.wallet.injAddress}, the address of wallet ${other} (running): give each wallet of config/bots.json its own key`,
      },
    ];
    const named = (name: string) => (grouped ? `${name}:${wallet.id}` : name);
    // not ready while Redis does not answer the lease's commands, or a held lease is too close to its deadline to broadcast
    readiness.register(named('lease'), () => this.halted !== undefined || (this.lease.redisAnswering && (!this.lease.held || this.lease.msLeft() >= leaseBroadcastMarginMs(settings.leaseTtlMs))));
    // the wallet's other markets trade: an unavailable market degrades the executor, it does not make it unready
    readiness.registerDegradation(named('unavailableMarkets'), () => this.engine.unavailableMarkets());
    // a bot stopped for want of its record is an alert for the operator, not a reason to stop the wallet
    readiness.registerDegradation(named('botStateMissing'), () => this.engine.missingBotStates());
    // a spent fee budget keeps the book and pauses new quotes until 00:00 UTC: an alert, not a failure
    readiness.registerDegradation(named('feeBudget'), () => this.engine.feeBudgetPaused());
  }

  /** The wallet's facts for its heartbeat: the wallet, its unavailable markets, lease and engine details. */
  heartbeatFacts(): Pick<Heartbeat, 'wallet' | 'unavailableMarkets' | 'details'> {
    const { wallet } = this;
    return {
      wallet: { id: wallet.id, address: wallet.wallet.injAddress, subaccountId: wallet.wallet.subaccountId },
      unavailableMarkets: this.engine.unavailableMarkets(),
      details: {
        lease: this.halted !== undefined ? 'stopped' : this.lease.held ? 'held' : 'standby',
        ...this.engine.status(),
        botStateMissing: Object.keys(this.engine.missingBotStates()).join(',') || null,
        ...(this.halted !== undefined ? { stoppedReason: this.halted } : {}),
      },
    };
  }

  /** Why this wallet stopped for good while the process goes on, or undefined while it runs. */
  get stoppedReason(): string | undefined {
    return this.halted;
  }

  /** Starts contending for the lease (after the HTTP server is up). */
  start(): void {
    this.lifecycle.transition('standby');
    this.logger.log(`executor for wallet ${this.wallet.id} (${this.wallet.wallet.injAddress}) waiting for the lease`);
    this.running = this.loop();
  }

  private async loop(): Promise<void> {
    if (!(await this.claimInstance())) return;
    while (!this.stopping.signal.aborted) {
      let token: number;
      try {
        token = await this.lease.acquire(this.stopping.signal);
      } catch {
        return;
      }
      executorMetrics.leaseHeld().set({ wallet: this.wallet.id }, 1);
      this.logger.log(`lease acquired for wallet ${this.wallet.id} (fencing token ${token})`);
      const controller = new AbortController();
      const onLost = (reason: string) => {
        this.logger.warn(`lease for wallet ${this.wallet.id} lost (${reason}): broadcasting stops now`);
        controller.abort(new LeaseLostError(reason));
      };
      this.lease.once('lost', onLost);
      let configError: ConfigError | undefined;
      const done = this.engine
        .runTenure(this.guard(controller, token), token, () => this.settings.cancelAllOnShutdown && this.stopping.signal.aborted)
        .catch((error: Error) => {
          if (error instanceof ConfigError) configError = error;
          else this.logger.error(`tenure failed: ${error.stack ?? error.message}`);
        });
      this.tenure = { controller, done };
      await done;
      this.lease.off('lost', onLost);
      this.tenure = undefined;
      executorMetrics.leaseHeld().set({ wallet: this.wallet.id }, 0);
      if (this.stopping.signal.aborted) return;
      if (this.lease.held) await this.lease.release();
      // a configuration error stops the process (no retry, no restart loop), or only this wallet of several
      if (configError) return this.stopOnConfigError(configError);
      this.lifecycle.transition('standby');
    }
  }

  /**
   * Claims `instance:executor:<wallet>:<instance>` (this process) and `address:executor:<address>`
   * (this wallet id) before contending: a second live process started with this INSTANCE_ID, or an
   * executor of another wallet id with the same key, is refused (exit 78, like a configuration
   * error); a predecessor that died leaves claims that run out within the lease ttl, waited for.
   */
  private async claimInstance(): Promise<boolean> {
    for (const { claim, refusal } of this.claims) {
      for (;;) {
        try {
          await claim.claim(this.stopping.signal);
          break;
        } catch (error) {
          if (this.stopping.signal.aborted) return false;
          if (error instanceof DuplicateInstanceError) {
            this.stopOnConfigError(new ConfigError([refusal(error.other)]));
            return false;
          }
          this.logger.warn(`cannot claim ${error instanceof Error ? error.message : String(error)}; retrying`);
          await new Promise((resolve) => setTimeout(resolve, this.lease.renewIntervalMs));
        }
      }
    }
    return true;
  }

  /**
   * A single-wallet process exits (code 78, not restarted). One wallet of several stops for good
   * (lease and claims released, its state `stopped`, listed in `/health`) and the others go on.
   */
  private stopOnConfigError(error: ConfigError): void {
    if (!this.parts.grouped) exitOnConfigError(error);
    this.halted = error.problems.join('; ');
    this.logger.error(`wallet ${this.wallet.id} stopped: invalid configuration: ${this.halted} (the process's other wallets go on)`);
    void Promise.all(this.claims.map(({ claim }) => claim.release()));
    if (this.lifecycle.state !== 'stopping' && this.lifecycle.state !== 'stopped') {
      this.lifecycle.transition('stopping');
      this.lifecycle.transition('stopped');
    }
  }

  /**
   * Before every broadcast: the tenure not aborted, the lease held under `token` with at least the
   * margin left on its local deadline, then one atomic check in Redis that the lease still names
   * this process and the fence counter still equals `token`. `broadcastSignal` bounds a broadcast
   * (its rate-limiter wait and retries) to the lease's local deadline.
   */
  private guard(controller: AbortController, token: number): TenureGuard {
    const margin = leaseBroadcastMarginMs(this.settings.leaseTtlMs);
    const assertLocally = () => {
      if (controller.signal.aborted || !this.lease.held || this.lease.token !== token) {
        throw controller.signal.reason instanceof LeaseLostError ? controller.signal.reason : new LeaseLostError('not held');
      }
      const left = this.lease.msLeft();
      if (left < margin) {
        const lost = new LeaseLostError(`${Math.round(left)} ms left on the lease, below the ${margin} ms margin (renewals are not coming back)`);
        controller.abort(lost);
        throw lost;
      }
    };
    return {
      signal: controller.signal,
      broadcastSignal: () => AbortSignal.any([controller.signal, AbortSignal.timeout(Math.max(1, Math.floor(this.lease.msLeft())))]),
      assertActive: async () => {
        assertLocally();
        let reason: string | undefined;
        try {
          reason = await this.lease.verify();
        } catch (error) {
          throw new BatchNotAppliedError(`lease not verifiable (Redis: ${(error as Error).message})`, true);
        }
        if (reason !== undefined) {
          const lost = new LeaseLostError(reason);
          controller.abort(lost);
          throw lost;
        }
        // the round trip may have taken the margin
        assertLocally();
      },
    };
  }

  /** Ordered shutdown: stop taking work, finish the tx in flight, cancel if configured, release the lease. */
  async shutdown(): Promise<void> {
    this.stopping.abort();
    const tenure = this.tenure;
    if (tenure) {
      this.engine.stopTakingWork();
      const budget = Math.max(1000, this.settings.shutdownTimeoutMs - SHUTDOWN_MARGIN_MS);
      const timer = setTimeout(() => {
        this.logger.error(`the tx in flight did not finish within ${budget} ms: abandoning it (the next holder reconciles)`);
        tenure.controller.abort(new LeaseLostError('shutdown deadline'));
      }, budget);
      await tenure.done;
      clearTimeout(timer);
    }
    await this.running;
    await this.lease.release();
    await Promise.all(this.claims.map(({ claim }) => claim.release()));
    executorMetrics.leaseHeld().set({ wallet: this.wallet.id }, 0);
    this.logger.log(`lease for wallet ${this.wallet.id} released`);
  }
}

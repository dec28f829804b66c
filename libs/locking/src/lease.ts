import { EventEmitter } from 'node:events';
import type Redis from 'ioredis';
import { RELEASE_SCRIPT, RENEW_SCRIPT } from './lease.scripts';

export interface LeaseOptions {
  /** e.g. `lease:executor:w1` */
  key: string;
  /** e.g. `fence:executor:w1`: INCR'd on every acquisition */
  fenceKey: string;
  /** unique per process */
  holderId: string;
  ttlMs: number;
}

export type LeaseState = 'standby' | 'held' | 'released';

interface LeaseEvents {
  acquired: [token: number];
  lost: [reason: string];
}

/**
 * A Redis lease with a fencing token (docs/architecture.md#lease-and-fencing): SET NX PX to acquire, a compare-and-set renewal
 * every ttl/3, `lost` the moment a renewal fails or finds another holder. Whoever acts under the
 * lease must stop at `lost` and attach `token` to every write it makes.
 */
export class Lease extends EventEmitter<LeaseEvents> {
  private renewTimer: NodeJS.Timeout | undefined;
  private currentToken: number | undefined;
  private state: LeaseState = 'standby';

  constructor(
    private readonly redis: Redis,
    private readonly options: LeaseOptions,
  ) {
    super();
  }

  get renewIntervalMs(): number {
    return Math.max(1, Math.floor(this.options.ttlMs / 3));
  }

  get held(): boolean {
    return this.state === 'held';
  }

  /** The fencing token of the current tenure; undefined when not held. */
  get token(): number | undefined {
    return this.held ? this.currentToken : undefined;
  }

  /** One attempt; true when this process now holds the lease. */
  async tryAcquire(): Promise<boolean> {
    if (this.held) return true;
    const ok = await this.redis.set(this.options.key, this.options.holderId, 'PX', this.options.ttlMs, 'NX');
    if (ok !== 'OK') return false;
    this.currentToken = await this.redis.incr(this.options.fenceKey);
    this.state = 'held';
    this.renewTimer = setInterval(() => void this.renew(), this.renewIntervalMs);
    this.emit('acquired', this.currentToken);
    return true;
  }

  /** Retries every renew interval until acquired or aborted. */
  async acquire(signal?: AbortSignal): Promise<number> {
    while (!signal?.aborted) {
      const acquired = await this.tryAcquire().catch(() => false);
      if (acquired) return this.currentToken as number;
      await new Promise((resolve) => setTimeout(resolve, this.renewIntervalMs));
    }
    throw new Error('lease acquisition aborted');
  }

  private async renew(): Promise<void> {
    if (!this.held) return;
    try {
      const renewed = await this.redis.eval(RENEW_SCRIPT, 1, this.options.key, this.options.holderId, this.options.ttlMs);
      if (renewed !== 1) this.lose('another holder has the lease');
    } catch (error) {
      this.lose(`renewal failed: ${(error as Error).message}`);
    }
  }

  private lose(reason: string): void {
    if (!this.held) return;
    this.stopRenewing();
    this.state = 'standby';
    this.emit('lost', reason);
  }

  private stopRenewing(): void {
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = undefined;
  }

  /** Gives the lease up (only if still ours) so a standby takes over at once. */
  async release(): Promise<void> {
    const wasHeld = this.held;
    this.stopRenewing();
    this.state = 'released';
    if (wasHeld) await this.redis.eval(RELEASE_SCRIPT, 1, this.options.key, this.options.holderId).catch(() => undefined);
  }
}

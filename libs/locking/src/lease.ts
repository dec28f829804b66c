import { EventEmitter } from 'node:events';
import type Redis from 'ioredis';
import { ACQUIRE_SCRIPT, RELEASE_SCRIPT, RENEW_SCRIPT, VERIFY_SCRIPT } from './lease.scripts';

export interface LeaseOptions {
  /** e.g. `lease:executor:w1` */
  key: string;
  /** e.g. `fence:executor:w1`: INCR'd on every acquisition */
  fenceKey: string;
  /** unique per process (see `uniqueHolderValue`): two processes never share it */
  holderId: string;
  ttlMs: number;
  /** monotonic ms the local deadline is measured on; default `performance.now` */
  now?: () => number;
}

export type LeaseState = 'standby' | 'held' | 'released';

interface LeaseEvents {
  acquired: [token: number];
  lost: [reason: string];
}

/**
 * A Redis lease with a fencing token (docs/architecture.md#lease-and-fencing): SET NX PX and INCR of the fence in one script to acquire, a compare-and-set renewal
 * every ttl/3, `lost` the moment a renewal fails (a Redis command timeout included) or finds
 * another holder. Whoever acts under the lease must stop at `lost`, attach `token` to every write
 * it makes, and check `msLeft()` / `verify()` before acting outside Redis.
 *
 * The local deadline is the time a command that (re)set the key's TTL was sent + ttl, on the
 * monotonic clock: Redis started the TTL after we sent it, so the key lives at least that long, and
 * a process stopped (SIGSTOP, a long GC) finds its deadline passed when it runs again.
 */
export class Lease extends EventEmitter<LeaseEvents> {
  private renewTimer: NodeJS.Timeout | undefined;
  private renewing = false;
  private currentToken: number | undefined;
  private state: LeaseState = 'standby';
  private deadline = 0;
  private answered = true;
  private readonly now: () => number;

  constructor(
    private readonly redis: Redis,
    private readonly options: LeaseOptions,
  ) {
    super();
    this.now = options.now ?? (() => performance.now());
  }

  get renewIntervalMs(): number {
    return Math.max(1, Math.floor(this.options.ttlMs / 3));
  }

  get held(): boolean {
    return this.state === 'held';
  }

  get holderId(): string {
    return this.options.holderId;
  }

  /** The fencing token of the current tenure; undefined when not held. */
  get token(): number | undefined {
    return this.held ? this.currentToken : undefined;
  }

  /** Whether Redis answered the latest lease command (acquisition attempt, renewal, verification). */
  get redisAnswering(): boolean {
    return this.answered;
  }

  /** Ms until the lease surely ran out unless renewed (local deadline); 0 when not held. */
  msLeft(): number {
    return this.held ? Math.max(0, this.deadline - this.now()) : 0;
  }

  /** One attempt; true when this process now holds the lease. */
  async tryAcquire(): Promise<boolean> {
    if (this.held) return true;
    const sentAt = this.now();
    const token = Number(await this.answer(this.redis.eval(ACQUIRE_SCRIPT, 2, this.options.key, this.options.fenceKey, this.options.holderId, this.options.ttlMs)));
    if (token === 0) return false;
    this.currentToken = token;
    this.deadline = sentAt + this.options.ttlMs;
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

  /**
   * Checks against Redis, atomically, that the lease still names us and the fence counter still
   * equals our token. Undefined when it does; otherwise the reason, and the lease is lost (`lost`
   * emitted). Throws when Redis does not answer (the tenure is then unverifiable, not lost).
   */
  async verify(): Promise<string | undefined> {
    const token = this.token;
    if (token === undefined) return 'not held';
    const reply = await this.answer(this.redis.eval(VERIFY_SCRIPT, 2, this.options.key, this.options.fenceKey, this.options.holderId, token));
    if (reply === 1) return undefined;
    const reason = reply === -1 ? `the fence moved past token ${token}` : 'the lease key names another holder or nobody';
    this.lose(reason);
    return reason;
  }

  private async renew(): Promise<void> {
    if (!this.held || this.renewing) return;
    if (this.msLeft() <= 0) {
      this.lose('the lease ran out before it was renewed');
      return;
    }
    this.renewing = true;
    const sentAt = this.now();
    try {
      const renewed = await this.answer(this.redis.eval(RENEW_SCRIPT, 1, this.options.key, this.options.holderId, this.options.ttlMs));
      if (renewed !== 1) this.lose('another holder has the lease');
      else if (this.held) this.deadline = sentAt + this.options.ttlMs;
    } catch (error) {
      this.lose(`renewal failed: ${(error as Error).message}`);
    } finally {
      this.renewing = false;
    }
  }

  /** `reply`, noting whether Redis answered. */
  private async answer<T>(reply: Promise<T>): Promise<T> {
    try {
      const value = await reply;
      this.answered = true;
      return value;
    } catch (error) {
      this.answered = false;
      throw error;
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

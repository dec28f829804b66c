import type Redis from 'ioredis';
import { CLAIM_SCRIPT, RELEASE_SCRIPT } from './lease.scripts';

export interface InstanceClaimOptions {
  /** e.g. `instance:executor:w1:executor-w1-a` */
  key: string;
  /** what every process entitled to the claim sets: the process's unique holder value, or a wallet id shared by its executors */
  value: string;
  ttlMs: number;
  /** monotonic ms; default `performance.now` */
  now?: () => number;
}

/** Another live process keeps the claim with another value (the same instance id, or the same wallet address under another wallet id). */
export class DuplicateInstanceError extends Error {
  readonly code = 'DUPLICATE_INSTANCE';
  constructor(
    readonly key: string,
    readonly other: string,
  ) {
    super(`${key} is held by ${other} and kept alive`);
    this.name = 'DuplicateInstanceError';
  }
}

/**
 * A short-lived claim on a name (a process's instance id, a wallet's address), renewed every ttl/3
 * while the process lives; processes that set the same value share it.
 * `claim` waits up to 2 × ttl for the claim of a predecessor that died (its key runs out within one
 * ttl) and refuses with `DuplicateInstanceError` a claim someone keeps renewing.
 */
export class InstanceClaim {
  private renewTimer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(
    private readonly redis: Redis,
    private readonly options: InstanceClaimOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  get intervalMs(): number {
    return Math.max(1, Math.floor(this.options.ttlMs / 3));
  }

  async claim(signal?: AbortSignal): Promise<void> {
    const giveUpAt = this.now() + 2 * this.options.ttlMs;
    for (;;) {
      const reply = await this.attempt();
      if (reply === 1) break;
      if (this.now() >= giveUpAt || signal?.aborted) throw new DuplicateInstanceError(this.options.key, String(reply));
      await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
    }
    this.renewTimer = setInterval(() => void this.attempt().catch(() => undefined), this.intervalMs);
  }

  private attempt(): Promise<unknown> {
    return this.redis.eval(CLAIM_SCRIPT, 1, this.options.key, this.options.value, this.options.ttlMs);
  }

  /** Stops renewing and deletes the claim if it is still ours. */
  async release(): Promise<void> {
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = undefined;
    await this.redis.eval(RELEASE_SCRIPT, 1, this.options.key, this.options.value).catch(() => undefined);
  }
}

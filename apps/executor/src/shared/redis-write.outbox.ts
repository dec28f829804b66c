import { Logger } from '@nestjs/common';
import { executorMetrics } from './executor.metrics';

/** Bounds of the outbox's retries. */
export interface RedisWriteOutboxOptions {
  readonly wallet: string;
  /** attempts of one write before it is dropped (reconciliation repairs what it would have written) */
  readonly maxAttempts: number;
  /** wait after the first failed attempt, doubled after each further one up to `maxBackoffMs` */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /** errors no retry can cure (a stale fencing token): the write is dropped at once */
  readonly isTerminal?: (error: unknown) => boolean;
  /** ms since epoch (injected in specs) */
  readonly now?: () => number;
}

interface PendingWrite {
  readonly what: string;
  readonly write: () => Promise<void>;
  attempts: number;
  notBefore: number;
}

/**
 * The Redis writes that follow a tx the node accepted (`seq:<wallet>`, `orders:<wallet>:<mk>`,
 * `applied:<wallet>:<id>`; docs/architecture.md#outcomes): such a write failing never turns the tx
 * into a failure. They are kept in memory in the order given and tried again with a doubling
 * backoff until they succeed or `maxAttempts` is spent; the sender flushes the outbox before the
 * next batch and before a reconciliation. It does not survive a restart: the next holder's
 * takeover reads the sequence from the chain and reconciles the orders (see the README).
 */
export class RedisWriteOutbox {
  private readonly logger = new Logger(RedisWriteOutbox.name);
  private readonly queue: PendingWrite[] = [];
  private readonly now: () => number;

  constructor(private readonly options: RedisWriteOutboxOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Writes waiting to be retried. */
  get size(): number {
    return this.queue.length;
  }

  /** What each waiting write is, oldest first (for logs and specs). */
  get pending(): readonly string[] {
    return this.queue.map((w) => w.what);
  }

  /** Queues `write` behind the writes already waiting (it is tried at the next `flush`). */
  add(what: string, write: () => Promise<void>): void {
    this.queue.push({ what, write, attempts: 0, notBefore: 0 });
  }

  /**
   * Tries the waiting writes in order, stopping at the first that fails or is still backing off
   * (a later write never overtakes an earlier one); true when none is left.
   */
  async flush(): Promise<boolean> {
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      if (head.notBefore > this.now()) return false;
      try {
        await head.write();
        this.queue.shift();
        if (head.attempts > 0) this.logger.log(`${head.what} written after ${head.attempts + 1} attempts`);
      } catch (error) {
        head.attempts += 1;
        if (this.options.isTerminal?.(error) || head.attempts >= this.options.maxAttempts) {
          this.queue.shift();
          executorMetrics.outboxDropped().inc({ wallet: this.options.wallet });
          this.logger.error(`${head.what} dropped after ${head.attempts} attempt(s): ${(error as Error).message}; reconciliation repairs it`);
          continue;
        }
        head.notBefore = this.now() + backoffAfter(head.attempts, this.options.backoffMs, this.options.maxBackoffMs);
        executorMetrics.outboxRetries().inc({ wallet: this.options.wallet });
        this.logger.warn(`${head.what} failed (attempt ${head.attempts} of ${this.options.maxAttempts}): ${(error as Error).message}; retried from the outbox`);
        return false;
      }
    }
    return true;
  }

  /** Forgets every waiting write (the tenure ended: the next takeover reads the chain). */
  clear(): void {
    this.queue.length = 0;
  }
}

/** The wait before the next attempt after `attempts` failed ones: `base`, doubled each time, at most `max`. */
export function backoffAfter(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

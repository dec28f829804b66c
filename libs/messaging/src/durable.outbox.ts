import { Logger } from '@nestjs/common';
import { outboxDroppedTotal, outboxPending } from './messaging.metrics';

/** One encoded JetStream publish with its `Nats-Msg-Id`. */
export interface DurableMessage {
  readonly subject: string;
  /** subject family, for the published-messages metric */
  readonly family: string;
  readonly data: Uint8Array;
  /** stable for this message: a retried copy is dropped by the stream's duplicate window */
  readonly msgId: string;
}

export interface DurableOutboxOptions {
  /** names the outbox in logs and metrics (`exec`) */
  readonly name: string;
  /** messages held at most; a message arriving when full is dropped and counted */
  readonly capacity: number;
  /** pause before retrying the oldest message after a failed publish, ms */
  readonly retryMs: number;
  /** longest `send()` waits for its publish before it returns with the message held, ms */
  readonly maxWaitMs: number;
}

interface Pending {
  readonly message: DurableMessage;
  /** resolves the caller's `send()`; undefined once it returned */
  release?: () => void;
}

/**
 * A bounded in-memory queue in front of JetStream publishes: messages go out one at a time, in the
 * order sent; while NATS (or the stream) refuses them the oldest is retried every `retryMs` and the
 * rest wait behind it, so nothing is lost across an outage shorter than the bound and nothing is
 * reordered. A retry carries the same `Nats-Msg-Id`, so a publish that reached the stream but whose
 * ack was lost is stored once.
 */
export class DurableOutbox {
  private readonly logger = new Logger(DurableOutbox.name);
  private readonly queue: Pending[] = [];
  private pumping: Promise<void> | undefined;
  private failing = false;
  private droppedInOutage = 0;
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly publish: (message: DurableMessage) => Promise<void>,
    private readonly options: DurableOutboxOptions,
  ) {}

  /** Messages waiting to be published. */
  get size(): number {
    return this.queue.length;
  }

  /**
   * Queues a message; resolves once it is published, or once it is held (a publish failed, or
   * `maxWaitMs` passed): never throws, never blocks its caller longer than `maxWaitMs`.
   * Returns false when the outbox was full and the message was dropped.
   */
  send(message: DurableMessage): Promise<boolean> {
    if (this.closed || this.queue.length >= this.options.capacity) {
      this.drop(message);
      return Promise.resolve(false);
    }
    const pending: Pending = { message };
    this.queue.push(pending);
    outboxPending().set({ outbox: this.options.name }, this.queue.length);
    if (!this.pumping) this.pumping = this.pump().finally(() => (this.pumping = undefined));
    if (this.failing) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => pending.release?.(), this.options.maxWaitMs);
      timer.unref();
      pending.release = () => {
        pending.release = undefined;
        clearTimeout(timer);
        resolve(true);
      };
    });
  }

  /** Waits up to `timeoutMs` for every held message to be published, then stops taking new ones. Returns how many are left. */
  async close(timeoutMs: number): Promise<number> {
    const until = Date.now() + timeoutMs;
    while (this.queue.length > 0 && Date.now() < until) {
      this.wake?.();
      await sleep(20);
    }
    this.closed = true;
    this.wake?.();
    const left = this.queue.length;
    if (left > 0) this.logger.error(`outbox ${this.options.name}: ${left} messages not published at shutdown (oldest on ${this.queue[0]!.message.subject})`);
    for (const pending of this.queue) pending.release?.();
    return left;
  }

  private async pump(): Promise<void> {
    while (this.queue.length > 0 && !this.closed) {
      const head = this.queue[0]!;
      try {
        await this.publish(head.message);
      } catch (error) {
        this.holdAll(error as Error);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.retryMs);
          timer.unref();
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
        continue;
      }
      this.queue.shift();
      outboxPending().set({ outbox: this.options.name }, this.queue.length);
      head.release?.();
      if (this.failing && this.queue.length === 0) this.recovered();
    }
  }

  /** A publish failed: every waiting caller goes on, their messages stay queued. */
  private holdAll(error: Error): void {
    if (!this.failing) {
      this.failing = true;
      this.logger.warn(`outbox ${this.options.name}: publish failed (${error.message}); holding ${this.queue.length} messages and retrying every ${this.options.retryMs} ms`);
    }
    for (const pending of this.queue) pending.release?.();
  }

  private recovered(): void {
    this.failing = false;
    const dropped = this.droppedInOutage;
    this.droppedInOutage = 0;
    if (dropped > 0) this.logger.error(`outbox ${this.options.name}: publishing again; ${dropped} messages were dropped while it was full`);
    else this.logger.log(`outbox ${this.options.name}: publishing again, every held message published`);
  }

  private drop(message: DurableMessage): void {
    outboxDroppedTotal().inc({ outbox: this.options.name });
    this.droppedInOutage += 1;
    // the first drop of an outage, then one line per 1000, so a long outage does not flood the log
    if (this.droppedInOutage === 1 || this.droppedInOutage % 1000 === 0) {
      const why = this.closed ? 'closed' : `full (${this.options.capacity} messages)`;
      this.logger.error(`outbox ${this.options.name} ${why}: dropped ${message.subject} (${this.droppedInOutage} dropped so far), not published`);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

import { Logger } from '@nestjs/common';
import { subjects, type ExecutionReport, type OrderEvent } from '@mirrorbook/contracts';
import { MessagingService, type DurableOutbox } from '@mirrorbook/messaging';

/** Pause between retries of the oldest held report while NATS refuses publishes. */
const OUTBOX_RETRY_MS = 500;
/** A report never holds up the trading loop for longer than this: past it, the outbox owns it. */
const OUTBOX_MAX_WAIT_MS = 1000;

/**
 * Publishes execution reports and order events into the EXEC stream (the audit trail), through a
 * bounded outbox: held in order while NATS is away, each with a stable `Nats-Msg-Id`.
 */
export class ExecutionReporter {
  private readonly logger = new Logger(ExecutionReporter.name);
  private readonly outbox: DurableOutbox;

  constructor(
    private readonly messaging: MessagingService,
    capacity: number,
    /** the outbox's name in its metrics: `exec`, or `exec-<wallet>` for one of several wallets of a process */
    name = 'exec',
  ) {
    this.outbox = messaging.outbox({ name, capacity, retryMs: OUTBOX_RETRY_MS, maxWaitMs: OUTBOX_MAX_WAIT_MS });
  }

  /** Publishes a report (or holds it while NATS is away); never throws into the trading loop. */
  async report(report: ExecutionReport): Promise<void> {
    try {
      const sent = await this.outbox.send(this.messaging.durableMessage(subjects.execReport(report.wallet), report));
      if (!sent) this.logger.error(`execution report for ${report.intentIds.join(',')} (${report.outcome}) not published: the outbox is full`);
    } catch (error) {
      this.logger.error(`execution report for ${report.intentIds.join(',')} (${report.outcome}) not published: ${(error as Error).message}`);
    }
  }

  /** Publishes order events in order (or holds them while NATS is away). */
  async orderEvents(events: readonly OrderEvent[]): Promise<void> {
    const sends = events.map((event) => {
      try {
        return this.outbox.send(this.messaging.durableMessage(subjects.orderEvent(event.wallet, event.market), event)).then((sent) => {
          if (!sent) this.logger.error(`order event ${event.kind} ${event.cid ?? event.orderHash} not published: the outbox is full`);
        });
      } catch (error) {
        this.logger.error(`order event ${event.kind} ${event.cid ?? event.orderHash} not published: ${(error as Error).message}`);
        return Promise.resolve();
      }
    });
    await Promise.all(sends);
  }
}

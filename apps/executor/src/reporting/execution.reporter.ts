import { Logger } from '@nestjs/common';
import { subjects, type ExecutionReport, type OrderEvent } from '@mirrorbook/contracts';
import { MessagingService } from '@mirrorbook/messaging';

/** Publishes execution reports and order events into the EXEC stream (the audit trail). */
export class ExecutionReporter {
  private readonly logger = new Logger(ExecutionReporter.name);

  constructor(private readonly messaging: MessagingService) {}

  /** Publishes a report; a publish failure is logged, never thrown into the trading loop. */
  async report(report: ExecutionReport): Promise<void> {
    try {
      await this.messaging.publishDurable(subjects.execReport(report.wallet), report);
    } catch (error) {
      this.logger.error(`execution report for ${report.intentIds.join(',')} (${report.outcome}) not published: ${(error as Error).message}`);
    }
  }

  /** Publishes order events concurrently. */
  async orderEvents(events: readonly OrderEvent[]): Promise<void> {
    await Promise.all(
      events.map((event) =>
        this.messaging.publishDurable(subjects.orderEvent(event.wallet, event.market), event).catch((error: Error) => {
          this.logger.error(`order event ${event.kind} ${event.cid ?? event.orderHash} not published: ${error.message}`);
        }),
      ),
    );
  }
}

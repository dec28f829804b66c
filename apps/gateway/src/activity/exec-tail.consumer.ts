import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DeliverPolicy, type ConsumerMessages } from 'nats';
import { familyOfSubject } from '@mirrorbook/contracts';
import { countInvalidInput } from '@mirrorbook/messaging';
import { JetStreamAccess } from '../platform/jetstream.access';
import { decodeActivityItem } from './activity-item.decoder';
import type { ActivityItem } from './activity-item.view';

/**
 * Follows the EXEC stream from now on with an ordered consumer, so live activity items carry the
 * same stream sequence (`id`) as the ones read back for paging.
 */
@Injectable()
export class ExecTailConsumer implements OnApplicationShutdown {
  private readonly logger = new Logger(ExecTailConsumer.name);
  private messages: ConsumerMessages | undefined;
  private stopped = false;

  constructor(private readonly jetstream: JetStreamAccess) {}

  /**
   * Follows EXEC from now on, for as long as the gateway runs: the gateway may not create streams
   * (its NATS identity only reads them), so until an executor has created EXEC, and whenever the
   * tail ends or fails, it starts again after `retryMs`.
   */
  async start(onItem: (item: ActivityItem) => void, retryMs = 1000): Promise<void> {
    const { js } = await this.jetstream.clients();
    void (async () => {
      for (let attempt = 0; !this.stopped; attempt++) {
        try {
          const consumer = await js.consumers.get('EXEC', { deliver_policy: DeliverPolicy.New });
          const messages = await consumer.consume();
          this.messages = messages;
          this.logger.log('following the EXEC stream');
          for await (const msg of messages) this.take(msg.seq, msg.subject, msg.data, onItem);
        } catch (error) {
          if (attempt === 0 || !/stream not found/i.test((error as Error).message)) {
            this.logger.log(`EXEC not followed (${(error as Error).message}): trying again every ${retryMs} ms`);
          }
        }
        if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, retryMs).unref());
      }
    })();
  }

  private take(seq: number, subject: string, data: Uint8Array, onItem: (item: ActivityItem) => void): void {
    const item = decodeActivityItem(seq, subject, data);
    if (item) onItem(item);
    else {
      countInvalidInput(familyOfSubject(subject) ?? 'unknown', 'invalid');
      this.logger.warn(`skipped invalid EXEC message #${seq} on ${subject}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.messages?.close();
  }
}

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

  constructor(private readonly jetstream: JetStreamAccess) {}

  async start(onItem: (item: ActivityItem) => void): Promise<void> {
    const { js } = await this.jetstream.clients();
    const consumer = await js.consumers.get('EXEC', { deliver_policy: DeliverPolicy.New });
    const messages = await consumer.consume();
    this.messages = messages;
    void (async () => {
      for await (const msg of messages) {
        const item = decodeActivityItem(msg.seq, msg.subject, msg.data);
        if (item) onItem(item);
        else {
          countInvalidInput(familyOfSubject(msg.subject) ?? 'unknown', 'invalid');
          this.logger.warn(`skipped invalid EXEC message #${msg.seq} on ${msg.subject}`);
        }
      }
    })();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.messages?.close();
  }
}

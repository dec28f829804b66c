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
   * Starts following EXEC. The gateway may not create streams (its NATS identity only reads them):
   * until an executor has created EXEC, it looks again every `retryMs`.
   */
  async start(onItem: (item: ActivityItem) => void, retryMs = 1000): Promise<void> {
    const { js, jsm } = await this.jetstream.clients();
    for (let attempt = 0; !(await jsm.streams.info('EXEC').then(() => true, () => false)); attempt++) {
      if (this.stopped) return;
      if (attempt === 0) this.logger.log(`no EXEC stream yet (no executor has started): looking again every ${retryMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, retryMs).unref());
    }
    if (this.stopped) return;
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
    this.stopped = true;
    await this.messages?.close();
  }
}

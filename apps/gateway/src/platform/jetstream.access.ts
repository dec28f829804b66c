import { Injectable } from '@nestjs/common';
import { NatsError, type JetStreamClient, type JetStreamManager, type MsgRequest, type StoredMsg } from 'nats';
import { MessagingService, NotConnectedError } from '@mirrorbook/messaging';
import type { StreamName } from '@mirrorbook/contracts';

const NO_MESSAGE_FOUND = 10037;

/** Raw JetStream reads (stream info, message gets, ordered consumers) on the service's connection. */
@Injectable()
export class JetStreamAccess {
  constructor(private readonly messaging: MessagingService) {}

  /** The manager and client; throws NotConnectedError (→ 503) rather than waiting while NATS is down. */
  async clients(): Promise<{ jsm: JetStreamManager; js: JetStreamClient }> {
    if (!this.messaging.isConnected()) throw new NotConnectedError();
    const nc = await this.messaging.ready();
    return { jsm: await nc.jetstreamManager(), js: nc.jetstream() };
  }

  /**
   * The first message at or after `seq` whose subject matches `filter` (wildcards allowed), or
   * undefined when there is none. The server's MSG.GET takes `next_by_subj`; the nats.js type
   * only names the direct-get form of it.
   */
  async nextMatching(jsm: JetStreamManager, stream: StreamName, seq: number, filter: string): Promise<StoredMsg | undefined> {
    try {
      return await jsm.streams.getMessage(stream, { seq, next_by_subj: filter } as unknown as MsgRequest);
    } catch (error) {
      if (isNoMessage(error)) return undefined;
      throw error;
    }
  }

  /** The last message on exactly `subject`, or undefined. */
  async lastOn(jsm: JetStreamManager, stream: StreamName, subject: string): Promise<StoredMsg | undefined> {
    try {
      return await jsm.streams.getMessage(stream, { last_by_subj: subject });
    } catch (error) {
      if (isNoMessage(error)) return undefined;
      throw error;
    }
  }
}

function isNoMessage(error: unknown): boolean {
  return error instanceof NatsError && (error.api_error?.err_code === NO_MESSAGE_FOUND || error.api_error?.code === 404);
}

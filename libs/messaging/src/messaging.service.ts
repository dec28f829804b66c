import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { connect, RetentionPolicy, StorageType, type JetStreamClient, type NatsConnection, type Subscription } from 'nats';
import {
  familyOfSubject,
  streamCatalog,
  subjectCatalog,
  type PayloadOf,
  type StreamName,
  type Subject,
  type SubjectFamily,
} from '@mirrorbook/contracts';
import { decodePayload } from './inbound.decoder';
import { NotConnectedError, OutboundPayloadError } from './messaging.errors';
import { handlerErrorsTotal, invalidMessagesTotal, messagesPublishedTotal, messagesReceivedTotal } from './messaging.metrics';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { natsConnectionOptions } from './nats-connection.options';

export interface InboundMeta {
  /** the concrete subject the message arrived on */
  subject: string;
}

export type Handler<F extends SubjectFamily> = (payload: PayloadOf<F>, meta: InboundMeta) => void | Promise<void>;

const encoder = new TextEncoder();

/**
 * Typed NATS publish/subscribe validating both ends, and the JetStream streams the service publishes into.
 * Connects in the background with backoff so the service stays up (and not ready) while NATS is away.
 */
@Injectable()
export class MessagingService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(MessagingService.name);
  private nc: NatsConnection | undefined;
  private js: JetStreamClient | undefined;
  private readonly connected: Promise<NatsConnection>;
  private resolveConnected!: (nc: NatsConnection) => void;
  private closing = false;

  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {
    this.connected = new Promise((resolve) => (this.resolveConnected = resolve));
  }

  onModuleInit(): void {
    void this.connectWithBackoff();
  }

  /** True while the connection is up (readiness). */
  isConnected(): boolean {
    return this.nc !== undefined && !this.nc.isClosed() && !this.reconnecting;
  }
  private reconnecting = false;

  /** Resolves once connected and the streams exist. */
  ready(): Promise<NatsConnection> {
    return this.connected;
  }

  private async connectWithBackoff(): Promise<void> {
    let delay = this.options.retryDelayMs ?? 500;
    const maxDelay = this.options.maxRetryDelayMs ?? 10_000;
    for (let attempt = 1; !this.closing; attempt++) {
      try {
        const nc = await connect({
          ...natsConnectionOptions(this.options.url, this.options.caFile),
          name: this.options.name,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 1000,
          pingInterval: 10_000,
        });
        await this.ensureStreams(nc);
        this.nc = nc;
        this.js = nc.jetstream();
        this.watchStatus(nc);
        this.logger.log(`connected to NATS at ${nc.getServer()}`);
        this.resolveConnected(nc);
        return;
      } catch (error) {
        this.logger.warn(`NATS unreachable at ${redactUrl(this.options.url)} (attempt ${attempt}): ${(error as Error).message}; retrying in ${delay} ms`);
        await sleep(delay);
        delay = Math.min(delay * 2, maxDelay);
      }
    }
  }

  private watchStatus(nc: NatsConnection): void {
    void (async () => {
      for await (const status of nc.status()) {
        if (status.type === 'disconnect' || status.type === 'reconnecting') {
          if (!this.reconnecting) this.logger.warn(`NATS connection lost (${status.type}); reconnecting`);
          this.reconnecting = true;
        } else if (status.type === 'reconnect') {
          this.reconnecting = false;
          this.logger.log(`NATS reconnected to ${String(status.data)}`);
          await this.ensureStreams(nc).catch((e: Error) => this.logger.warn(`stream check after reconnect failed: ${e.message}`));
        } else if (status.type === 'error') {
          this.logger.warn(`NATS error: ${String(status.data)}`);
        }
      }
    })();
  }

  /** Creates or updates the configured streams; safe to call again. */
  private async ensureStreams(nc: NatsConnection): Promise<void> {
    // a service that declares no stream may have no right to the JetStream API at all
    if (Object.keys(this.options.streams).length === 0) return;
    const jsm = await nc.jetstreamManager();
    for (const [name, limits] of Object.entries(this.options.streams) as [StreamName, { maxAgeS: number }][]) {
      const spec = streamCatalog[name];
      const config = {
        name,
        subjects: [...spec.subjects],
        retention: spec.retention === 'workqueue' ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
        storage: StorageType.File,
        max_age: limits.maxAgeS * 1_000_000_000,
      };
      const existing = await jsm.streams.info(name).catch(() => undefined);
      if (existing) await jsm.streams.update(name, { ...existing.config, subjects: config.subjects, max_age: config.max_age });
      else await jsm.streams.add(config);
    }
  }

  private connection(): NatsConnection {
    if (!this.nc) throw new NotConnectedError();
    return this.nc;
  }

  /** Validates against the family's schema and publishes plain JSON. */
  publish<F extends SubjectFamily>(subject: Subject<F>, payload: PayloadOf<F>): void {
    this.connection().publish(subject.subject, this.encode(subject, payload));
    messagesPublishedTotal().inc({ family: subject.family });
  }

  /** Publishes into a JetStream stream and waits for the server's ack (no loss on a flaky link). */
  async publishDurable<F extends SubjectFamily>(subject: Subject<F>, payload: PayloadOf<F>): Promise<void> {
    if (!this.js) throw new NotConnectedError();
    await this.js.publish(subject.subject, this.encode(subject, payload));
    messagesPublishedTotal().inc({ family: subject.family });
  }

  private encode<F extends SubjectFamily>(subject: Subject<F>, payload: PayloadOf<F>): Uint8Array {
    const result = subjectCatalog[subject.family].schema.safeParse(payload);
    if (!result.success) throw new OutboundPayloadError(subject.subject, result.error.issues);
    return encoder.encode(JSON.stringify(result.data));
  }

  /**
   * Subscribes with validation. An invalid inbound payload is counted, logged with its subject and
   * skipped; a handler error is counted and logged, and the subscription carries on.
   */
  subscribe<F extends SubjectFamily>(pattern: Subject<F>, handler: Handler<F>, options: { queue?: string } = {}): Subscription {
    const sub = this.connection().subscribe(pattern.subject, { queue: options.queue });
    void (async () => {
      for await (const msg of sub) {
        const payload = this.decode(pattern.family, msg.subject, msg.data);
        if (payload === undefined) continue;
        try {
          await handler(payload, { subject: msg.subject });
        } catch (error) {
          handlerErrorsTotal().inc({ family: pattern.family });
          this.logger.error(`handler for ${msg.subject} failed: ${(error as Error).message}`);
        }
      }
    })();
    return sub;
  }

  private decode<F extends SubjectFamily>(family: F, subject: string, data: Uint8Array): PayloadOf<F> | undefined {
    const actual = familyOfSubject(subject) ?? family;
    const decoded = decodePayload(actual, data, (this.options.now ?? Date.now)());
    if (!decoded.ok) {
      invalidMessagesTotal().inc({ family: actual, reason: decoded.reason });
      this.logger.warn(`skipped invalid message on ${subject} (${decoded.reason}): ${decoded.detail}`);
      return undefined;
    }
    messagesReceivedTotal().inc({ family: actual });
    return decoded.value as PayloadOf<F>;
  }

  /** Raw access for the few places that need it (KV buckets, stream reads). */
  async connectionWhenReady(): Promise<NatsConnection> {
    return this.ready();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.nc && !this.nc.isClosed()) await this.nc.drain().catch(() => this.nc?.close());
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** A NATS or Redis URL without its credentials (`***:***@`), for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = parsed.username ? '***' : '';
      parsed.password = parsed.password ? '***' : '';
    }
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}

import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { connect, type JetStreamClient, type NatsConnection, type Subscription } from 'nats';
import {
  familyOfSubject,
  subjectCatalog,
  type PayloadOf,
  type StreamName,
  type Subject,
  type SubjectFamily,
} from '@mirrorbook/contracts';
import { decodePayload } from './inbound.decoder';
import { NotConnectedError, OutboundPayloadError } from './messaging.errors';
import { DurableOutbox, type DurableMessage, type DurableOutboxOptions } from './durable.outbox';
import { handlerErrorsTotal, invalidMessagesTotal, messagesPublishedTotal, messagesReceivedTotal, streamBytesGauge, streamUsageGauge } from './messaging.metrics';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { natsConnectionOptions } from './nats-connection.options';
import { STREAM_USAGE_ALERT_RATIO, streamConfigOf, streamLimitFields, streamUsageRatio, type StreamLimits } from './stream.budget';

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
  private readonly outboxes: DurableOutbox[] = [];
  /** streams at or above STREAM_USAGE_ALERT_RATIO of their max_bytes → what /health shows */
  private readonly storageAlerts = new Map<string, string>();
  private storageTimer: NodeJS.Timeout | undefined;

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
        this.watchStorage(nc);
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

  /**
   * Creates or updates the configured streams, limits included; safe to call again. nats-server
   * reserves each stream's max_bytes out of the store and refuses a stream whose budget no longer fits.
   */
  private async ensureStreams(nc: NatsConnection): Promise<void> {
    // a service that declares no stream may have no right to the JetStream API at all
    if (Object.keys(this.options.streams).length === 0) return;
    const jsm = await nc.jetstreamManager();
    for (const [name, limits] of Object.entries(this.options.streams) as [StreamName, StreamLimits][]) {
      const config = streamConfigOf(name, limits);
      const existing = await jsm.streams.info(name).catch(() => undefined);
      try {
        if (existing) await jsm.streams.update(name, { ...existing.config, subjects: config.subjects, ...streamLimitFields(limits) });
        else await jsm.streams.add(config);
      } catch (error) {
        throw new Error(`stream ${name} (max_bytes ${limits.maxBytes}) not ${existing ? 'updated' : 'created'}: ${(error as Error).message}`);
      }
    }
  }

  /** Reads the declared streams' usage now and then: gauges, a warn log when one crosses 70 %, /health. */
  private watchStorage(nc: NatsConnection): void {
    const streams = Object.keys(this.options.streams);
    if (streams.length === 0 || this.storageTimer) return;
    const check = async () => {
      const jsm = await nc.jetstreamManager();
      for (const name of streams) {
        const info = await jsm.streams.info(name).catch(() => undefined);
        if (info) this.noteStreamUsage(name, info.state.bytes, info.config.max_bytes);
      }
    };
    this.storageTimer = setInterval(() => void check().catch(() => undefined), this.options.storageCheckMs ?? 30_000);
    this.storageTimer.unref();
    void check().catch(() => undefined);
  }

  /** Records one reading of a stream's usage; logs once when it crosses the alert ratio, and once when it is back below. */
  noteStreamUsage(stream: string, bytes: number, maxBytes: number): void {
    const ratio = streamUsageRatio(bytes, maxBytes);
    streamUsageGauge().set({ stream }, ratio);
    streamBytesGauge().set({ stream }, bytes);
    const text = `${Math.round(ratio * 100)} % of max_bytes (${bytes} of ${maxBytes} bytes; the oldest messages are discarded at 100 %)`;
    if (ratio >= STREAM_USAGE_ALERT_RATIO) {
      if (!this.storageAlerts.has(stream)) this.logger.warn(`JetStream stream ${stream} at ${text}`);
      this.storageAlerts.set(stream, text);
    } else if (this.storageAlerts.delete(stream)) {
      this.logger.log(`JetStream stream ${stream} back below ${STREAM_USAGE_ALERT_RATIO * 100} %: ${text}`);
    }
  }

  /** Streams at or above 70 % of their max_bytes, each with its usage: what /health lists as degraded. */
  storageAlertsNow(): Record<string, string> {
    return Object.fromEntries(this.storageAlerts);
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
    await this.publishMessage(this.durableMessage(subject, payload));
  }

  /** A payload validated (throws `OutboundPayloadError` now, never later) and encoded for JetStream, with its `Nats-Msg-Id`. */
  durableMessage<F extends SubjectFamily>(subject: Subject<F>, payload: PayloadOf<F>): DurableMessage {
    const data = this.encode(subject, payload);
    return { subject: subject.subject, family: subject.family, data, msgId: durableMessageId(subject.subject, data) };
  }

  /** Publishes an encoded message into its stream with its `Nats-Msg-Id` and waits for the ack. */
  async publishMessage(message: DurableMessage): Promise<void> {
    if (!this.js) throw new NotConnectedError();
    await this.js.publish(message.subject, message.data, { msgID: message.msgId });
    messagesPublishedTotal().inc({ family: message.family });
  }

  /** A bounded outbox publishing through this connection; flushed (for a while) at shutdown. */
  outbox(options: DurableOutboxOptions): DurableOutbox {
    const outbox = new DurableOutbox((message) => this.publishMessage(message), options);
    this.outboxes.push(outbox);
    return outbox;
  }

  private encode<F extends SubjectFamily>(subject: Subject<F>, payload: PayloadOf<F>): Uint8Array {
    const result = subjectCatalog[subject.family].schema.safeParse(payload);
    if (!result.success) throw new OutboundPayloadError(subject.subject, result.error.issues);
    return encoder.encode(JSON.stringify(result.data));
  }

  /**
   * Subscribes with validation. An invalid inbound payload is counted, logged with its subject and
   * skipped; a handler error is counted and logged, and the subscription carries on.
   * `countInvalid: false` for a second subscription of the process to subjects another one already
   * takes: that one counts an invalid message, so it is counted once per service.
   */
  subscribe<F extends SubjectFamily>(pattern: Subject<F>, handler: Handler<F>, options: { queue?: string; countInvalid?: boolean } = {}): Subscription {
    const sub = this.connection().subscribe(pattern.subject, { queue: options.queue });
    const countInvalid = options.countInvalid ?? true;
    void (async () => {
      for await (const msg of sub) {
        const payload = this.decode(pattern.family, msg.subject, msg.data, countInvalid);
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

  private decode<F extends SubjectFamily>(family: F, subject: string, data: Uint8Array, count: boolean): PayloadOf<F> | undefined {
    const actual = familyOfSubject(subject) ?? family;
    const decoded = decodePayload(actual, data, (this.options.now ?? Date.now)());
    if (!decoded.ok) {
      if (!count) return undefined;
      invalidMessagesTotal().inc({ family: actual, reason: decoded.reason });
      this.logger.warn(`skipped invalid message on ${subject} (${decoded.reason}): ${decoded.detail}`);
      return undefined;
    }
    if (count) messagesReceivedTotal().inc({ family: actual });
    return decoded.value as PayloadOf<F>;
  }

  /** Raw access for the few places that need it (KV buckets, stream reads). */
  async connectionWhenReady(): Promise<NatsConnection> {
    return this.ready();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    clearInterval(this.storageTimer);
    await Promise.all(this.outboxes.map((outbox) => outbox.close(OUTBOX_FLUSH_AT_SHUTDOWN_MS)));
    if (this.nc && !this.nc.isClosed()) await this.nc.drain().catch(() => this.nc?.close());
  }
}

/** How long shutdown waits for outboxes to publish what they hold before the connection drains. */
const OUTBOX_FLUSH_AT_SHUTDOWN_MS = 2000;

/**
 * The `Nats-Msg-Id` of a message: a digest of its subject and bytes, the same for every retry of it
 * (JetStream stores it once within the stream's duplicate window, 2 min by default). Every payload
 * carries its own `ts` and ids, so two distinct messages do not share one.
 */
export function durableMessageId(subject: string, data: Uint8Array): string {
  return createHash('sha256').update(subject).update('\n').update(data).digest('hex').slice(0, 32);
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

import { Logger } from '@nestjs/common';
import { AckPolicy, DeliverPolicy, nanos, type ConsumerMessages, type JsMsg } from 'nats';
import { deadIntentSubject, intentConsumerName, subjects } from '@mirrorbook/contracts';
import { countInvalidInput, deadLetteredTotal, decodePayload, durableMessageId, type MessagingService } from '@mirrorbook/messaging';
import type { IntentSink } from './intent.sink';

/** How a held intent's message is settled. */
export type IntentSettlement = 'ack' | 'nak' | 'term';

const STREAM = 'INTENTS';
// A short ack wait hands the intents of a killed holder to the next one quickly; the live holder
// extends it with working() for as long as it keeps an intent (redeliveries are deduplicated by id).
const ACK_WAIT_MS = 3000;
const WORKING_EVERY_MS = 1000;
// a dead holder's outstanding pull requests must not keep attracting new intents for long
const PULL_EXPIRES_MS = 2000;
const MAX_HELD = 2000;
const REMEMBERED_IDS = 10_000;
/**
 * Deliveries of one intent at most (consumer max_deliver). An intent that comes back this often
 * (naked at every takeover, or killing every holder) is set aside on `dlq.intent.<wallet>` (stream
 * DLQ) at its last delivery instead of reaching the engine, and counted.
 */
export const INTENT_MAX_DELIVER = 5;

/**
 * The wallet's intents from the JetStream work queue, on one durable consumer per wallet
 * (`executor-<wallet>`), so intents published while no executor is active wait for the next
 * one. It keeps every message un-acked until its intent is settled (not one message at a time
 * to an awaited handler): the engine merges many
 * waiting intents into one tx, and intents it never finished go back to the queue (nak) for
 * whoever holds the lease next.
 */
export class IntentInbox {
  private readonly logger = new Logger(IntentInbox.name);
  private readonly held = new Map<string, JsMsg>();
  private readonly settled = new Set<string>();
  private messages: ConsumerMessages | undefined;
  private workingTimer: NodeJS.Timeout | undefined;
  private sink: IntentSink | undefined;

  constructor(
    private readonly messaging: MessagingService,
    private readonly wallet: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Number of messages received and not yet settled. */
  get size(): number {
    return this.held.size;
  }

  /** Starts delivering new intents to `sink` (idempotent). */
  async start(sink: IntentSink): Promise<void> {
    this.sink = sink;
    if (this.messages) return;
    const nc = await this.messaging.connectionWhenReady();
    const jsm = await nc.jetstreamManager();
    const durable = intentConsumerName(this.wallet);
    const existing = await jsm.consumers.info(STREAM, durable).catch(() => undefined);
    if (!existing) {
      await jsm.consumers.add(STREAM, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: subjects.intent(this.wallet).subject,
        ack_wait: nanos(ACK_WAIT_MS),
        max_ack_pending: MAX_HELD,
        max_deliver: INTENT_MAX_DELIVER,
      });
    } else if (existing.config.ack_wait !== nanos(ACK_WAIT_MS) || existing.config.max_deliver !== INTENT_MAX_DELIVER) {
      await jsm.consumers.update(STREAM, durable, { ack_wait: nanos(ACK_WAIT_MS), max_ack_pending: MAX_HELD, max_deliver: INTENT_MAX_DELIVER });
    }
    const consumer = await nc.jetstream().consumers.get(STREAM, durable);
    this.messages = await consumer.consume({ max_messages: 256, expires: PULL_EXPIRES_MS, callback: (msg) => this.receive(msg) });
    this.workingTimer = setInterval(() => {
      for (const msg of this.held.values()) msg.working();
    }, WORKING_EVERY_MS);
    this.workingTimer.unref();
  }

  /** Settles the message of an intent the engine is done with. */
  settle(intentId: string, how: IntentSettlement): void {
    const msg = this.held.get(intentId);
    if (!msg) return;
    this.held.delete(intentId);
    this.remember(intentId);
    if (how === 'ack') msg.ack();
    else if (how === 'nak') msg.nak();
    else msg.term();
  }

  /** Stops delivering and gives every unsettled intent back to the queue at once. */
  async stop(): Promise<void> {
    const messages = this.messages;
    this.messages = undefined;
    clearInterval(this.workingTimer);
    for (const msg of this.held.values()) msg.nak();
    this.held.clear();
    await messages?.close()?.catch(() => undefined);
  }

  private receive(msg: JsMsg): void {
    if (!this.messages) {
      msg.nak();
      return;
    }
    if (msg.info.redeliveryCount >= INTENT_MAX_DELIVER) {
      void this.deadLetter(msg);
      return;
    }
    // the time rule too: an intent from the future or with a far deadline never reaches the engine
    const decoded = decodePayload('intent', msg.data, this.now());
    if (!decoded.ok) {
      countInvalidInput('intent', decoded.reason);
      this.logger.warn(`terminating an invalid intent on ${msg.subject} (${decoded.reason}): ${decoded.detail}`);
      // no reason text: nats-server < 2.10 ignores `+TERM <reason>` and redelivers the message forever
      msg.term();
      return;
    }
    const intent = decoded.value;
    if (intent.wallet !== this.wallet) {
      this.logger.warn(`terminating intent ${intent.id} for wallet ${intent.wallet} delivered on ${msg.subject}`);
      msg.term();
      return;
    }
    if (this.settled.has(intent.id)) {
      msg.ack();
      return;
    }
    const earlier = this.held.get(intent.id);
    this.held.set(intent.id, msg);
    // a redelivery after the ack wait: the engine already has this intent
    if (!earlier) this.sink?.intentReceived(intent);
  }

  /** Sets an intent delivered `INTENT_MAX_DELIVER` times aside on the dead-letter subject, as received, and takes it off the queue. */
  private async deadLetter(msg: JsMsg): Promise<void> {
    const subject = deadIntentSubject(this.wallet);
    deadLetteredTotal().inc({ stream: STREAM });
    try {
      await this.messaging.publishMessage({ subject, family: 'deadIntent', data: msg.data, msgId: durableMessageId(subject, msg.data) });
      this.logger.warn(`intent message ${msg.info.streamSequence} on ${msg.subject} delivered ${msg.info.redeliveryCount} times: set aside on ${subject}`);
    } catch (error) {
      this.logger.error(`intent message ${msg.info.streamSequence} on ${msg.subject} delivered ${msg.info.redeliveryCount} times: dropped, not set aside on ${subject}: ${(error as Error).message}`);
    }
    msg.term();
  }

  private remember(intentId: string): void {
    this.settled.add(intentId);
    if (this.settled.size > REMEMBERED_IDS) this.settled.delete(this.settled.values().next().value as string);
  }
}

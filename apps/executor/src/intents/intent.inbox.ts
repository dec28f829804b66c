import { Logger } from '@nestjs/common';
import { AckPolicy, DeliverPolicy, nanos, type ConsumerMessages, type JsMsg, type Subscription } from 'nats';
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
 * Deliveries of one intent at most (consumer max_deliver). An intent given back this often (naked at
 * every takeover, or killing every holder) is not delivered again: nats-server announces it
 * (MAX_DELIVERIES advisory) and the inbox sets it aside on `dlq.intent.<wallet>` (stream DLQ) and counts it.
 */
export const INTENT_MAX_DELIVER = 5;
// nats-server 2.9 reports a delivery count of 1 in the ack subject of a nak'd message redelivered to
// a new pull, so the count is left to the server (max_deliver) and its advisory, not read per message
const maxDeliveriesAdvisory = (durable: string) => `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${STREAM}.${durable}`;

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
  /** payloads received and not acked (the last MAX_HELD), by stream sequence, to set aside one the server gives up on */
  private readonly received = new Map<number, Uint8Array>();
  private advisories: Subscription | undefined;

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
    // kept for the life of the process: the advisory of an intent given back at the end of a tenure comes after it
    this.advisories ??= nc.subscribe(maxDeliveriesAdvisory(durable), { callback: (error, msg) => !error && void this.deadLetter(msg.data) });
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
    // only an intent given back may come back as a dead letter
    if (how !== 'nak') this.received.delete(msg.info.streamSequence);
    if (how === 'ack') msg.ack();
    else if (how === 'nak') msg.nak();
    else msg.term();
  }

  /**
   * Stops delivering and gives every unsettled intent back to the queue at once. The consumer is
   * closed first: a nak redelivers at once, and a redelivery reaching this stopping inbox was nak'd
   * again, a delivery burnt (under load an intent went to the dead letters a holder early).
   */
  async stop(): Promise<void> {
    const messages = this.messages;
    this.messages = undefined;
    clearInterval(this.workingTimer);
    await messages?.close()?.catch(() => undefined);
    for (const msg of this.held.values()) msg.nak();
    this.held.clear();
  }

  private receive(msg: JsMsg): void {
    if (!this.messages) {
      msg.nak();
      return;
    }
    this.received.set(msg.info.streamSequence, msg.data);
    if (this.received.size > MAX_HELD) this.received.delete(this.received.keys().next().value as number);
    // the time rule too: an intent from the future or with a far deadline never reaches the engine
    const decoded = decodePayload('intent', msg.data, this.now());
    if (!decoded.ok) {
      countInvalidInput('intent', decoded.reason);
      const untimely = decoded.untimely;
      if (untimely && untimely.wallet === this.wallet && this.sink && !this.settled.has(untimely.id)) {
        // valid but for its times: the engine reports it rejected with the reason, then acks it
        this.logger.warn(`refusing intent ${untimely.id} (${decoded.reason}): ${decoded.detail}`);
        this.held.set(untimely.id, msg);
        this.sink.intentRefused(untimely, `refused: ${decoded.detail}`);
        return;
      }
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

  /**
   * Sets aside the intent of a MAX_DELIVERIES advisory on `dlq.intent.<wallet>`: its payload as
   * received, or the advisory itself when this process never received it (another holder did).
   */
  private async deadLetter(advisoryData: Uint8Array): Promise<void> {
    const subject = deadIntentSubject(this.wallet);
    let seq: number | undefined;
    try {
      seq = (JSON.parse(new TextDecoder().decode(advisoryData)) as { stream_seq?: number }).stream_seq;
    } catch {
      // an unreadable advisory: set it aside as it came
    }
    const data = (seq !== undefined && this.received.get(seq)) || advisoryData;
    deadLetteredTotal().inc({ stream: STREAM });
    try {
      await this.messaging.publishMessage({ subject, family: 'deadIntent', data, msgId: durableMessageId(subject, data) });
      this.logger.warn(`intent message ${seq ?? '?'} of ${STREAM} delivered ${INTENT_MAX_DELIVER} times: set aside on ${subject}`);
    } catch (error) {
      this.logger.error(`intent message ${seq ?? '?'} of ${STREAM} delivered ${INTENT_MAX_DELIVER} times: not set aside on ${subject}: ${(error as Error).message}`);
    }
  }

  private remember(intentId: string): void {
    this.settled.add(intentId);
    if (this.settled.size > REMEMBERED_IDS) this.settled.delete(this.settled.values().next().value as string);
  }
}

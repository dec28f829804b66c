import { Counter, Gauge, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[]): Counter {
  return (register.getSingleMetric(name) as Counter | undefined) ?? new Counter({ name, help, labelNames });
}

/** Inbound payloads that failed decoding or validation, by subject family (or `http`) and reason. */
export const invalidMessagesTotal = () =>
  counter('mirrorbook_invalid_messages_total', 'Inbound messages (NATS payloads, HTTP bodies) skipped as invalid', ['family', 'reason']);

/**
 * Counts an inbound payload refused as invalid outside `MessagingService` (a JetStream consumer
 * that decodes its messages itself, an HTTP body), under the metric `subscribe()` counts in.
 */
export function countInvalidInput(family: string, reason: string): void {
  invalidMessagesTotal().inc({ family, reason });
}

export const messagesPublishedTotal = () =>
  counter('mirrorbook_messages_published_total', 'NATS messages published', ['family']);

export const messagesReceivedTotal = () =>
  counter('mirrorbook_messages_received_total', 'Valid NATS messages handled', ['family']);

export const handlerErrorsTotal = () =>
  counter('mirrorbook_message_handler_errors_total', 'Message handlers that threw', ['family']);

function gauge(name: string, help: string, labelNames: string[]): Gauge {
  return (register.getSingleMetric(name) as Gauge | undefined) ?? new Gauge({ name, help, labelNames });
}

/** Messages a `DurableOutbox` holds, waiting to be published. */
export const outboxPending = () => gauge('mirrorbook_outbox_pending', 'Messages held by an outbox, waiting for JetStream', ['outbox']);

/** Messages an outbox dropped because it was full (or closed): never published. */
export const outboxDroppedTotal = () => counter('mirrorbook_outbox_dropped_total', 'Messages an outbox dropped when full, never published', ['outbox']);

/** A stream's bytes over its max_bytes, 0..1 (alert at 0.7). */
export const streamUsageGauge = () => gauge('mirrorbook_jetstream_stream_usage_ratio', 'JetStream stream bytes / max_bytes', ['stream']);

export const streamBytesGauge = () => gauge('mirrorbook_jetstream_stream_bytes', 'JetStream stream bytes stored', ['stream']);

/** Intents set aside on the dead-letter subject after too many deliveries. */
export const deadLetteredTotal = () => counter('mirrorbook_dead_lettered_total', 'Messages set aside on a dead-letter subject after max_deliver deliveries', ['stream']);

import { Counter, register } from 'prom-client';

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

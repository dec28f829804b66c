import { Counter, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[]): Counter {
  return (register.getSingleMetric(name) as Counter | undefined) ?? new Counter({ name, help, labelNames });
}

/** Inbound payloads that failed decoding or validation, by subject family and reason. */
export const invalidMessagesTotal = () =>
  counter('mirrorbook_invalid_messages_total', 'Inbound NATS messages skipped as invalid', ['family', 'reason']);

export const messagesPublishedTotal = () =>
  counter('mirrorbook_messages_published_total', 'NATS messages published', ['family']);

export const messagesReceivedTotal = () =>
  counter('mirrorbook_messages_received_total', 'Valid NATS messages handled', ['family']);

export const handlerErrorsTotal = () =>
  counter('mirrorbook_message_handler_errors_total', 'Message handlers that threw', ['family']);

export { MessagingModule } from './messaging.module';
export { durableMessageId, MessagingService, redactUrl } from './messaging.service';
export { DurableOutbox, type DurableMessage, type DurableOutboxOptions } from './durable.outbox';
export { budgetOverflow, retainedBytes, secondsOfRetention, STREAM_USAGE_ALERT_RATIO, streamConfigOf, type StreamLimits } from './stream.budget';
export { NotConnectedError, OutboundPayloadError } from './messaging.errors';
export { decodeInbound, decodePayload, type Decoded } from './inbound.decoder';
export { countInvalidInput, deadLetteredTotal } from './messaging.metrics';
export { natsConnectionOptions, natsServerAndCredentials } from './nats-connection.options';

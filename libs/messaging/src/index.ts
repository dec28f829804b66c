export { MessagingModule } from './messaging.module';
export { MessagingService, redactUrl } from './messaging.service';
export { NotConnectedError, OutboundPayloadError } from './messaging.errors';
export { decodeInbound, decodePayload, type Decoded } from './inbound.decoder';
export { countInvalidInput } from './messaging.metrics';
export { natsConnectionOptions, natsServerAndCredentials } from './nats-connection.options';

export * from './messaging.module';
export * from './messaging.service';
export * from './messaging.options';
export * from './messaging.errors';
export { decodeInbound, type Decoded } from './inbound.decoder';
export { countInvalidInput } from './messaging.metrics';

export * from './redaction';
export * from './logger.factory';
export * from './lifecycle.service';
export * from './heartbeat.service';
export * from './readiness.registry';
export * from './service.identity';
export * from './observability.module';
export * from './service.bootstrap';

export { LifecycleService } from './lifecycle.service';
export { HeartbeatService } from './heartbeat.service';
export { ReadinessRegistry } from './readiness.registry';
export { SERVICE_IDENTITY, type ServiceIdentity } from './service.identity';
export { ObservabilityModule } from './observability.module';
export { loggerOptions } from './logger.factory';
export { registerLogSecret } from './redaction';

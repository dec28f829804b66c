import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { StreamName } from '@mirrorbook/contracts';
import { ConfigModule, type AppConfig } from '@mirrorbook/config';
import { MessagingModule, type StreamLimits } from '@mirrorbook/messaging';
import { RedisModule } from '@mirrorbook/redis';
import { loggerOptions, ObservabilityModule } from '@mirrorbook/observability';
import type { ServiceDefinition } from './service.definition';

function streamLimits(config: AppConfig, streams: StreamName[]): Partial<Record<StreamName, StreamLimits>> {
  const env = config.env;
  const limits: Record<StreamName, StreamLimits> = {
    MD: { maxAgeS: env.MD_MAX_AGE_S, maxBytes: env.MD_MAX_BYTES },
    EXEC: { maxAgeS: env.EXEC_MAX_AGE_S, maxBytes: env.EXEC_MAX_BYTES, maxMsgsPerSubject: env.EXEC_MAX_MSGS_PER_SUBJECT },
    INTENTS: { maxAgeS: env.INTENTS_MAX_AGE_S, maxBytes: env.INTENTS_MAX_BYTES, maxMsgsPerSubject: env.INTENTS_MAX_MSGS_PER_SUBJECT },
    DLQ: { maxAgeS: env.DLQ_MAX_AGE_S, maxBytes: env.DLQ_MAX_BYTES },
  };
  return Object.fromEntries(streams.map((s) => [s, limits[s]]));
}

/** The service's root module: logs, config, NATS, Redis (unless opted out), observability, then the app's own modules. */
export function rootModule(definition: ServiceDefinition, config: AppConfig, instance: string): DynamicModule {
  @Module({})
  class ServiceRootModule {}
  return {
    module: ServiceRootModule,
    imports: [
      LoggerModule.forRoot({ pinoHttp: { ...loggerOptions(definition.app, instance, config.env.LOG_LEVEL), autoLogging: false } }),
      ConfigModule.forRoot(config),
      MessagingModule.forRoot({ url: config.env.NATS_URL, caFile: config.env.NATS_CA_FILE, name: `${definition.app}-${instance}`, streams: streamLimits(config, definition.streams ?? []), storageCheckMs: config.env.JETSTREAM_USAGE_CHECK_MS }),
      ...(definition.usesRedis === false ? [] : [RedisModule.forRoot({ url: config.env.REDIS_URL, caFile: config.env.REDIS_CA_FILE, commandTimeoutMs: config.env.REDIS_COMMAND_TIMEOUT_MS })]),
      ObservabilityModule.forRoot({
        app: definition.app,
        instance,
        version: process.env.npm_package_version ?? '0.1.0',
        heartbeatIntervalMs: config.env.HEARTBEAT_INTERVAL_MS,
      }),
      ...definition.imports(config),
    ],
  };
}

import { Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { collectDefaultMetrics, register } from 'prom-client';
import { MessagingService } from '@mirrorbook/messaging';
import { RedisService } from '@mirrorbook/redis';
import { HealthController } from './health.controller';
import { HeartbeatService } from './heartbeat.service';
import { LifecycleService } from './lifecycle.service';
import { ReadinessRegistry } from './readiness.registry';
import { SERVICE_IDENTITY, type ServiceIdentity } from './service.identity';

let defaultMetricsStarted = false;

/** Health, metrics, heartbeat and lifecycle for one service. */
@Module({})
export class ObservabilityModule implements OnModuleInit {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly readiness: ReadinessRegistry,
  ) {}

  static forRoot(identity: ServiceIdentity): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      controllers: [HealthController],
      providers: [{ provide: SERVICE_IDENTITY, useValue: identity }, LifecycleService, ReadinessRegistry, HeartbeatService],
      exports: [SERVICE_IDENTITY, LifecycleService, ReadinessRegistry, HeartbeatService],
    };
  }

  onModuleInit(): void {
    if (!defaultMetricsStarted) {
      collectDefaultMetrics({ register });
      defaultMetricsStarted = true;
    }
    const messaging = this.moduleRef.get(MessagingService, { strict: false });
    this.readiness.register('nats', () => messaging.isConnected());
    this.readiness.registerDegradation('jetstreamStorage', () => messaging.storageAlertsNow());
    const redis = this.optional(RedisService);
    if (redis) this.readiness.register('redis', () => redis.isReady());
  }

  private optional<T>(token: new (...args: never[]) => T): T | undefined {
    try {
      return this.moduleRef.get(token, { strict: false });
    } catch {
      return undefined;
    }
  }
}

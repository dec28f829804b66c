import { Module, type DynamicModule } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@mirrorbook/config';
import { RedisService } from '@mirrorbook/redis';
import { MessagingService } from '@mirrorbook/messaging';
import { uniqueHolderValue } from '@mirrorbook/locking';
import { LifecycleService, SERVICE_IDENTITY, type ServiceIdentity } from '@mirrorbook/observability';
import { createExecutorEngine } from './engine/executor-engine.factory';
import { ExecutorEngine } from './engine/executor.engine';
import { ExecutorRunner } from './lease/executor.runner';
import { EXECUTOR_SETTINGS, executorSettings, type ExecutorSettings } from './settings/executor.settings';
import { LEASE_HOLDER } from './shared/lease-holder';
import { EXECUTOR_WALLET, type ExecutorWallet } from './wallet/executor-wallet';

/** The executor app's own providers; the shared service modules come from runService. */
@Module({})
export class ExecutorModule {
  /** The executor of `wallet` (its key already loaded and kept inside it). */
  static forRoot(wallet: ExecutorWallet): DynamicModule {
    return {
      module: ExecutorModule,
      providers: [
        { provide: EXECUTOR_WALLET, useValue: wallet },
        { provide: EXECUTOR_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => executorSettings(config, wallet.id) },
        { provide: LEASE_HOLDER, inject: [SERVICE_IDENTITY], useFactory: (identity: ServiceIdentity) => uniqueHolderValue(identity.instance) },
        {
          provide: ExecutorEngine,
          inject: [APP_CONFIG, EXECUTOR_SETTINGS, RedisService, MessagingService, LifecycleService, LEASE_HOLDER],
          useFactory: (config: AppConfig, settings: ExecutorSettings, redis: RedisService, messaging: MessagingService, lifecycle: LifecycleService, leaseHolder: string) =>
            createExecutorEngine({ config, settings, wallet, redis, messaging, lifecycle, leaseHolder }),
        },
        ExecutorRunner,
      ],
    };
  }
}

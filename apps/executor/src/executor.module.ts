import { Module, type DynamicModule } from '@nestjs/common';
import { uniqueHolderValue } from '@mirrorbook/locking';
import { SERVICE_IDENTITY, type ServiceIdentity } from '@mirrorbook/observability';
import { ExecutorTenures } from './lease/executor.tenures';
import { LEASE_HOLDER } from './shared/lease-holder';
import { EXECUTOR_WALLETS, type ExecutorWallet } from './wallet/executor-wallet';

/** The executor app's own providers; the shared service modules come from runService. */
@Module({})
export class ExecutorModule {
  /** The executor of `wallets` (one by default; several with EXECUTOR_WALLETS), their keys already loaded and kept inside them. */
  static forRoot(wallets: readonly ExecutorWallet[]): DynamicModule {
    return {
      module: ExecutorModule,
      providers: [
        { provide: EXECUTOR_WALLETS, useValue: wallets },
        { provide: LEASE_HOLDER, inject: [SERVICE_IDENTITY], useFactory: (identity: ServiceIdentity) => uniqueHolderValue(identity.instance) },
        ExecutorTenures,
      ],
    };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@mirrorbook/config';
import { ServiceRegistry } from '../live/service.registry';
import { BalancesReader } from './balances.reader';
import type { WalletView } from './wallet.view';

/** Wallets from config joined with executor heartbeats and Redis balances. */
@Injectable()
export class WalletsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: ServiceRegistry,
    private readonly balances: BalancesReader,
  ) {}

  async list(): Promise<WalletView[]> {
    const balances = await this.balances.read(this.config.wallets.map((w) => w.id));
    return this.config.wallets.map((wallet) => {
      const executors = this.registry.executorsOf(wallet.id);
      const announced = executors.find((e) => e.wallet)?.wallet;
      return {
        id: wallet.id,
        label: wallet.label,
        address: announced?.address ?? null,
        subaccountId: announced?.subaccountId ?? null,
        executor: this.registry.executorOf(wallet.id),
        executors: executors.map(({ instance, state, stale, ageMs, uptimeS }) => ({ instance, state, stale, ageMs, uptimeS })),
        balances: balances.get(wallet.id) ?? null,
        bots: this.config.bots.filter((b) => b.wallet === wallet.id).map((b) => b.id),
      };
    });
  }
}

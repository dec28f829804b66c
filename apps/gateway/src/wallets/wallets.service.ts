import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@mirrorbook/config';
import { ServiceRegistry } from '../live/service.registry';
import { BalancesReader } from './balances.reader';
import { FeesReader } from './fees.reader';
import type { WalletView } from './wallet.view';

/** Wallets from config joined with executor heartbeats, Redis balances and fee records. */
@Injectable()
export class WalletsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: ServiceRegistry,
    private readonly balances: BalancesReader,
    private readonly fees: FeesReader,
  ) {}

  async list(): Promise<WalletView[]> {
    const ids = this.config.wallets.map((w) => w.id);
    const [balances, fees] = await Promise.all([this.balances.read(ids), this.fees.read(ids)]);
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
        fees: fees.get(wallet.id)!,
        bots: this.config.bots.filter((b) => b.wallet === wallet.id).map((b) => b.id),
      };
    });
  }
}

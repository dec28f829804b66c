import { currentTradingTick } from '../markets/market-view.builder';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type BotEntry } from '@mirrorbook/config';
import { LiveMarketCache } from '../live/live-market.cache';
import { ServiceRegistry } from '../live/service.registry';
import { priceGap } from '../markets/price-gap';
import { RequestValidationError } from '../platform/request-validation.error';
import { BalancesReader } from '../wallets/balances.reader';
import { FeesReader } from '../wallets/fees.reader';
import { BotParamsValidator } from './bot-params.validator';
import { BotStateStore, type StoredBotState } from './bot-state.store';
import type { BotMarket, BotView } from './bot.view';

/** Bot views: config joined with `bot:<id>`, executor heartbeats, balances, fee records and latest prices. */
@Injectable()
export class BotViewBuilder {
  private readonly logger = new Logger(BotViewBuilder.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: BotStateStore,
    private readonly registry: ServiceRegistry,
    private readonly balances: BalancesReader,
    private readonly fees: FeesReader,
    private readonly liveMarkets: LiveMarketCache,
    private readonly params: BotParamsValidator,
  ) {}

  async build(bots: BotEntry[]): Promise<BotView[]> {
    const wallets = [...new Set(bots.map((b) => b.wallet))];
    const [states, balances, fees] = await Promise.all([this.store.readMany(bots), this.balances.read(wallets), this.fees.read(wallets)]);
    return bots.map((bot) => this.view(bot, states.get(bot.id)!, balances.get(bot.wallet) ?? null, fees.get(bot.wallet)!));
  }

  private view(bot: BotEntry, { state, source }: StoredBotState, balances: BotView['balances'], fees: BotView['fees']): BotView {
    const wallet = this.config.wallets.find((w) => w.id === bot.wallet);
    const executors = this.registry.executorsOf(bot.wallet);
    const unavailable = executors[0]?.unavailableMarkets ?? {};
    const markets = bot.markets.map((key) => this.market(key, unavailable[key] ?? null));
    const types = new Set(markets.map((m) => m.type));
    const announced = executors.find((e) => e.wallet)?.wallet;
    return {
      id: bot.id,
      wallet: { id: bot.wallet, label: wallet?.label ?? '', address: announced?.address ?? null },
      kind: types.size > 1 ? 'mixed' : types.has('derivative') ? 'perp' : 'spot',
      markets,
      desired: state.desired,
      source,
      by: state.by,
      updatedAt: state.updatedAt,
      enabledInConfig: bot.enabled,
      overrides: state.params,
      configParams: bot.params,
      effectiveParams: this.effectiveParams(bot, state.params),
      executor: this.registry.executorOf(bot.wallet),
      balances,
      fees,
    };
  }

  private effectiveParams(bot: BotEntry, overrides: Record<string, unknown>): BotView['effectiveParams'] {
    try {
      return this.params.effective(bot, overrides);
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      // stored overrides written by an older version or by hand: show the bot, flag nothing in force
      this.logger.warn(`bot ${bot.id}: stored overrides are invalid: ${JSON.stringify(error.fieldErrors)}`);
      return {};
    }
  }

  private market(key: string, unavailable: string | null): BotMarket {
    const type = this.config.markets.find((m) => m.key === key)?.type ?? 'spot';
    const reference = this.liveMarkets.price('reference', key)?.mid ?? null;
    const trading = currentTradingTick(this.liveMarkets.price('trading', key), this.liveMarkets.book(key))?.mid ?? null;
    const gap = reference && trading ? priceGap(trading, reference) : null;
    return { key, type, reference, trading, gapPct: gap?.gapPct ?? null, direction: gap?.direction ?? null, unavailable };
  }
}

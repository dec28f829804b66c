import { Logger } from '@nestjs/common';
import { subjects, type BotRunState, type BotState } from '@mirrorbook/contracts';
import { defaultBotState, effectiveStrategyParams, resolveBotState, type AppConfig, type BotEntry } from '@mirrorbook/config';
import { Dec } from '@mirrorbook/market';
import type { MessagingService } from '@mirrorbook/messaging';
import type { BotMarketParams } from '../checks/pre-trade.context';
import type { BotStateListener } from './bot-state.listener';
import type { WalletStateStore } from './wallet-state.store';

/**
 * Desired states of the wallet's bots (docs/architecture.md#bots): read from Redis `bot:<id>` with the one rule of
 * libs/config (missing: enabled → running; unreadable: stopped). A `bot.state.>` message only says
 * that the record changed: the registry reads the record again and never takes a state or a
 * parameter from the message itself. Tells its `BotStateListener` when a bot is switched to stopped,
 * so its orders can be cancelled.
 */
export class BotStateRegistry {
  private readonly logger = new Logger(BotStateRegistry.name);
  private readonly desired = new Map<string, BotRunState>();
  private readonly live = new Map<string, Record<string, unknown>>();
  private readonly params = new Map<string, BotMarketParams>();
  private subscribed = false;
  private listener: BotStateListener | undefined;
  readonly bots: readonly BotEntry[];

  constructor(
    private readonly config: AppConfig,
    private readonly store: WalletStateStore,
    private readonly messaging: MessagingService,
    wallet: string,
  ) {
    this.bots = config.bots.filter((b) => b.wallet === wallet);
    for (const bot of this.bots) this.desired.set(bot.id, defaultBotState(bot).desired);
  }

  /** Reads every bot's desired state from Redis and subscribes to changes (once), announced to `listener`. */
  async load(listener: BotStateListener): Promise<void> {
    this.listener = listener;
    for (const bot of this.bots) this.apply(resolveBotState(bot, await this.store.botStateRecord(bot.id)), false);
    if (!this.subscribed) {
      await this.messaging.ready();
      this.messaging.subscribe(subjects.all('botState'), (state) => void this.reload(state.bot));
      this.subscribed = true;
    }
  }

  /** The wallet's bot of that id, from config. */
  bot(botId: string): BotEntry | undefined {
    return this.bots.find((b) => b.id === botId);
  }

  /** Whether the operator wants the bot running (only then are its intents executed). */
  running(botId: string): boolean {
    return this.desired.get(botId) === 'running';
  }

  /**
   * For a bot on a market: the baseSize and maxNetPosition of the config files alone, and the leverage in force (config
   * layers plus the validated edits of its `bot:<id>` record).
   */
  paramsOf(botId: string, marketKey: string): BotMarketParams {
    const key = `${botId}\u0000${marketKey}`;
    const cached = this.params.get(key);
    if (cached) return cached;
    const market = this.config.markets.find((m) => m.key === marketKey);
    const bot = this.bot(botId);
    const configured = effectiveStrategyParams(this.config.strategyDefaults, market, bot).params;
    const resolved = effectiveStrategyParams(this.config.strategyDefaults, market, bot, this.live.get(botId)).params;
    const params = {
      configuredBaseSize: new Dec(configured.baseSize),
      configuredMaxNetPosition: new Dec(configured.maxNetPosition),
      leverage: new Dec(resolved.leverage),
    };
    this.params.set(key, params);
    return params;
  }

  /** Reads a bot's record again after `bot.state.<id>` announced a change. */
  private async reload(botId: string): Promise<void> {
    const bot = this.bot(botId);
    if (!bot) return;
    try {
      this.apply(resolveBotState(bot, await this.store.botStateRecord(bot.id)), true);
    } catch (error) {
      this.logger.warn(`bot ${bot.id}: could not read bot:${bot.id} after a change (${(error as Error).message}); keeping its last state`);
    }
  }

  private apply(state: BotState, announce: boolean): void {
    const bot = this.bot(state.bot);
    if (!bot) return;
    const before = this.desired.get(bot.id);
    this.desired.set(bot.id, state.desired);
    this.live.set(bot.id, state.params);
    for (const key of [...this.params.keys()]) if (key.startsWith(`${bot.id}\u0000`)) this.params.delete(key);
    if (before !== state.desired) this.logger.log(`bot ${bot.id}: ${before} -> ${state.desired} (by ${state.by})`);
    if (announce && state.desired === 'stopped' && before !== 'stopped') this.listener?.botStopped(bot);
  }
}

import { Logger } from '@nestjs/common';
import { subjects, type BotRunState, type BotState } from '@mirrorbook/contracts';
import { botsBootstrapped, effectiveStrategyParams, NO_RECORD, resolveBotState, type AppConfig, type BotEntry } from '@mirrorbook/config';
import { Dec } from '@mirrorbook/market';
import type { MessagingService } from '@mirrorbook/messaging';
import type { BotMarketParams } from '../checks/pre-trade.context';
import type { FeeBudgetLayers } from '../fees/fee.budget';
import { executorMetrics } from '../shared/executor.metrics';
import type { BotStateListener } from './bot-state.listener';
import { nextBotState, RECORD_LOST } from './bot-state.ordering';
import type { WalletStateStore } from './wallet-state.store';

/**
 * Desired states of the wallet's bots (docs/architecture.md#bots): Redis `bot:<id>` is the truth,
 * resolved with the one rule of libs/config (no record: stopped unless `bots:bootstrap` is there;
 * unreadable: stopped). A `bot.state.>` message only says that the record changed: the registry
 * reads it again and never takes a state or a parameter from the message. The engine also calls
 * `resync` on its interval, so a lost message changes nothing. Reads run one at a time and records
 * are ordered by `updatedAt` (`nextBotState`): never back to an older one. Tells its
 * `BotStateListener` when a bot is switched to stopped, so its orders can be cancelled.
 */
export class BotStateRegistry {
  private readonly logger = new Logger(BotStateRegistry.name);
  private readonly states = new Map<string, BotState>();
  private readonly params = new Map<string, BotMarketParams>();
  /** per bot, its markets' fee budget layers: resolving parameters is a schema parse, and heartbeats and fee records ask often */
  private readonly feeLayers = new Map<string, FeeBudgetLayers[]>();
  private subscribed = false;
  private listener: BotStateListener | undefined;
  private reads: Promise<void> = Promise.resolve();
  /** whether `bots:bootstrap` was there at the last read; undefined before the first */
  private bootstrapped: boolean | undefined;
  readonly bots: readonly BotEntry[];

  constructor(
    private readonly config: AppConfig,
    private readonly store: WalletStateStore,
    private readonly messaging: MessagingService,
    private readonly wallet: string,
    /** false when another wallet's registry of the process already counts invalid `bot.state` messages */
    private readonly countInvalid = true,
  ) {
    this.bots = config.bots.filter((b) => b.wallet === wallet);
  }

  /** Reads every bot's desired state from Redis and subscribes to changes (once), announced to `listener`. */
  async load(listener: BotStateListener): Promise<void> {
    this.listener = listener;
    await this.read(this.bots, false);
    if (!this.subscribed) {
      await this.messaging.ready();
      this.messaging.subscribe(subjects.all('botState'), (message) => void this.reload(message), { countInvalid: this.countInvalid });
      this.subscribed = true;
    }
  }

  /** Reads every bot's record again and acts on a change as on a `bot.state` message (stopped → its listener hears it). */
  resync(): Promise<void> {
    return this.read(this.bots, true);
  }

  /** The wallet's bot of that id, from config. */
  bot(botId: string): BotEntry | undefined {
    return this.bots.find((b) => b.id === botId);
  }

  /** Whether the operator wants the bot running (only then are its intents executed). */
  running(botId: string): boolean {
    return this.desired(botId) === 'running';
  }

  /** The wallet's bots whose desired state is stopped. */
  stopped(): BotEntry[] {
    return this.bots.filter((b) => this.desired(b.id) === 'stopped');
  }

  /**
   * The bots stopped for want of a record, bot id → why (`/health` degraded, heartbeat): no
   * `bot:<id>` without `bots:bootstrap`, or a record that vanished after it was read.
   */
  missingStates(): Record<string, string> {
    const missing: Record<string, string> = {};
    for (const [id, state] of this.states) {
      if (state.by === NO_RECORD) missing[id] = `no bot:${id} and no bots:bootstrap: stopped until started or bootstrapped`;
      else if (state.by === RECORD_LOST) missing[id] = `bot:${id} vanished from Redis: stopped until started again`;
    }
    return missing;
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
    const resolved = effectiveStrategyParams(this.config.strategyDefaults, market, bot, this.states.get(botId)?.params).params;
    const params = {
      configuredBaseSize: new Dec(configured.baseSize),
      configuredMaxNetPosition: new Dec(configured.maxNetPosition),
      leverage: new Dec(resolved.leverage),
    };
    this.params.set(key, params);
    return params;
  }

  /**
   * Each bot's `feeBudget` on each of its markets, of the config files alone and with its live
   * edits (the budget is the wallet's: `walletFeeBudget` takes the tightest and caps live edits).
   */
  feeBudgets(): FeeBudgetLayers[] {
    return this.bots.flatMap((bot) => {
      const cached = this.feeLayers.get(bot.id);
      if (cached) return cached;
      const layers = bot.markets.map((key) => {
        const market = this.config.markets.find((m) => m.key === key);
        return {
          configured: effectiveStrategyParams(this.config.strategyDefaults, market, bot).params.feeBudget,
          live: effectiveStrategyParams(this.config.strategyDefaults, market, bot, this.states.get(bot.id)?.params).params.feeBudget,
        };
      });
      this.feeLayers.set(bot.id, layers);
      return layers;
    });
  }

  /** Drops what was resolved from the bot's parameters (its live edits changed). */
  private forgetParams(botId: string): void {
    for (const key of [...this.params.keys()]) if (key.startsWith(`${botId}\u0000`)) this.params.delete(key);
    this.feeLayers.delete(botId);
  }

  private desired(botId: string): BotRunState | undefined {
    return this.states.get(botId)?.desired;
  }

  /** Reads a bot's record again after `bot.state.<id>` announced a change; a message the record contradicts is logged and ignored. */
  private async reload(message: BotState): Promise<void> {
    const bot = this.bot(message.bot);
    if (!bot) return;
    try {
      await this.read([bot], true);
    } catch (error) {
      this.logger.warn(`bot ${bot.id}: could not read bot:${bot.id} after a change (${(error as Error).message}); keeping its last state until the next resync`);
      return;
    }
    const state = this.states.get(bot.id);
    if (state && (message.updatedAt > state.updatedAt || (message.updatedAt === state.updatedAt && message.desired !== state.desired))) {
      this.logger.warn(`bot ${bot.id}: ignoring a bot.state message (${message.desired}, updatedAt ${message.updatedAt}) that bot:${bot.id} contradicts (${state.desired}, updatedAt ${state.updatedAt})`);
    }
  }

  /** One MGET of the marker and the records of `bots`, after the reads before it (so a later read is never overtaken). */
  private read(bots: readonly BotEntry[], announce: boolean): Promise<void> {
    const run = this.reads.then(async () => {
      const { marker, records } = await this.store.botStateRecords(bots.map((b) => b.id));
      this.markerRead(botsBootstrapped(marker));
      bots.forEach((bot, i) => this.apply(bot, resolveBotState(bot, records[i], this.bootstrapped === true), announce));
      executorMetrics.botStateMissing().set({ wallet: this.wallet }, Object.keys(this.missingStates()).length);
    });
    this.reads = run.catch(() => undefined);
    return run;
  }

  private markerRead(present: boolean): void {
    const before = this.bootstrapped;
    this.bootstrapped = present;
    if (before === present) return;
    if (present) this.logger.log('bots:bootstrap is there: a bot without a bot:<id> record has its config default');
    else if (before === true) {
      executorMetrics.botStateLost().inc({ wallet: this.wallet, key: 'bots:bootstrap' });
      this.logger.error('ALERT bots:bootstrap vanished from Redis (data lost?): every bot without a bot:<id> record is stopped until bootstrapped again (POST /api/bots/bootstrap)');
    } else this.logger.warn('no bots:bootstrap in Redis: a bot without a bot:<id> record is stopped (POST /api/bots/bootstrap applies the config defaults)');
  }

  private apply(bot: BotEntry, read: BotState, announce: boolean): void {
    const before = this.states.get(bot.id);
    const step = nextBotState(before, read);
    if (step.kind === 'stale') {
      this.logger.warn(`bot ${bot.id}: ignoring bot:${bot.id} of updatedAt ${read.updatedAt}, older than the state in force (${before?.updatedAt})`);
      return;
    }
    if (step.kind === 'lost' && before?.by !== RECORD_LOST) {
      executorMetrics.botStateLost().inc({ wallet: this.wallet, key: 'bot' });
      this.logger.error(`ALERT bot ${bot.id}: bot:${bot.id} vanished from Redis (data lost?): the bot is stopped until started again`);
    }
    const state = step.state;
    this.states.set(bot.id, state);
    if (JSON.stringify(before?.params) !== JSON.stringify(state.params)) this.forgetParams(bot.id);
    if (before?.desired !== state.desired) this.logger.log(`bot ${bot.id}: ${before?.desired ?? 'unknown'} -> ${state.desired} (by ${state.by})`);
    if (announce && before !== undefined && state.desired === 'stopped' && before.desired !== 'stopped') this.listener?.botStopped(bot);
  }
}

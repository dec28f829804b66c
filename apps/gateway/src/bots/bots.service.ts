import { Inject, Injectable } from '@nestjs/common';
import { subjects, type BotRunState, type BotState } from '@mirrorbook/contracts';
import { APP_CONFIG, type AppConfig, type BotEntry } from '@mirrorbook/config';
import { MessagingService } from '@mirrorbook/messaging';
import { walletFilters } from '../activity/activity.subjects';
import type { ActivityPage } from '../activity/activity-item.view';
import { ExecStreamReader } from '../activity/exec-stream.reader';
import { BotOrdersReader } from './bot-orders.reader';
import { BotParamsValidator } from './bot-params.validator';
import { BotStateStore } from './bot-state.store';
import { BotViewBuilder } from './bot-view.builder';
import type { BotOrders, BotView } from './bot.view';
import { applyMergePatch } from './params.merge-patch';
import { UnknownBotError } from './unknown-bot.error';

/** Who the gateway writes into `BotState.by`. */
const BY = 'gateway';

/**
 * Bots: views, control (desired state in `bot:<id>`, then announced on `bot.state.<id>`), live
 * parameter overrides, open orders and logs. Starting a bot spawns nothing: workers and executors
 * act on the desired state.
 */
@Injectable()
export class BotsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: BotStateStore,
    private readonly views: BotViewBuilder,
    private readonly params: BotParamsValidator,
    private readonly orderReader: BotOrdersReader,
    private readonly execReader: ExecStreamReader,
    private readonly messaging: MessagingService,
  ) {}

  /** The configured bot, or 404. */
  entry(id: string): BotEntry {
    const bot = this.config.bots.find((b) => b.id === id);
    if (!bot) throw new UnknownBotError(id);
    return bot;
  }

  list(): Promise<BotView[]> {
    return this.views.build(this.config.bots);
  }

  async get(id: string): Promise<BotView> {
    return (await this.views.build([this.entry(id)]))[0];
  }

  /** Sets the desired state and announces it. */
  async control(id: string, desired: BotRunState): Promise<BotView> {
    const bot = this.entry(id);
    await this.apply(bot, (current) => ({ ...current, desired, by: BY, updatedAt: nextUpdatedAt(current) }));
    return this.get(id);
  }

  /**
   * Writes `bots:bootstrap` (once): bots without a `bot:<id>` record get their config default from
   * now on, and each bot's state is announced. The explicit step after a fresh install or a Redis
   * that lost its data; never done on its own.
   */
  async bootstrap(): Promise<{ bootstrapped: true; at: number; by: string; written: boolean }> {
    const { marker, written } = await this.store.bootstrap(BY, Date.now());
    const states = await this.store.readMany(this.config.bots);
    for (const { state } of states.values()) this.messaging.publish(subjects.botState(state.bot), state);
    return { bootstrapped: true, at: marker.at, by: marker.by, written };
  }

  /** Merges `patch` into the live overrides when the result is valid on every market of the bot (else 400). */
  async patchParams(id: string, patch: Record<string, unknown>): Promise<BotView> {
    const bot = this.entry(id);
    await this.apply(bot, (current) => {
      const params = applyMergePatch(current.params, patch);
      this.params.effective(bot, params);
      return { ...current, params, by: BY, updatedAt: nextUpdatedAt(current) };
    });
    return this.get(id);
  }

  orders(id: string): Promise<BotOrders> {
    return this.orderReader.read(this.entry(id));
  }

  /** Recent execution reports of the bot's wallet and its rejected orders, newest first. */
  logs(id: string, limit: number, before?: number): Promise<ActivityPage> {
    const bot = this.entry(id);
    return this.execReader.page({
      filters: walletFilters(bot.wallet),
      limit,
      before,
      accept: (item) => item.kind === 'execution' || (item.data.kind === 'rejected' && bot.markets.includes(item.data.market)),
    });
  }

  private async apply(bot: BotEntry, change: (current: BotState) => BotState): Promise<void> {
    const next = await this.store.update(bot, change);
    this.messaging.publish(subjects.botState(bot.id), next);
  }
}

/** Now, but always after the record it replaces: readers never go back to an older `updatedAt`. */
function nextUpdatedAt(current: BotState): number {
  return Math.max(Date.now(), current.updatedAt + 1);
}

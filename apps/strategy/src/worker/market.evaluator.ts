import { Logger } from '@nestjs/common';
import { isFinalReport, newestCopy, subjects, type BookSnapshot, type BotState, type ExecutionReport, type FeedStatus, type PriceTick, type StrategyParams, type StrategyPhase } from '@mirrorbook/contracts';
import { resolveBotState, type AppConfig, type BotEntry, type MarketPair } from '@mirrorbook/config';
import { Dec, type Market } from '@mirrorbook/market';
import type { MessagingService } from '@mirrorbook/messaging';
import { createSeededRng, planCycle, referenceMoved, StrategyInputError, type CyclePlan, type CycleState } from '@mirrorbook/strategy-core';
import type { BotParamsResolver } from '../bots/bot-params.resolver';
import { cidPrefixOf, intentIdOf, parseIntentId } from '../cycle/cid-prefix.factory';
import type { CycleClaim, CycleStateStore, PlanView } from '../cycle/cycle-state.store';
import { feeBudgetStateOf, gatePlanning, type SkipReason } from '../gate/planning.gate';
import { buildIntent } from '../intents/intent.builder';
import type { ReferenceFeedCache } from '../market-data/reference-feed.cache';
import type { MarketCatalog } from '../markets/market.catalog';
import { strategyMetrics } from '../metrics/strategy.metrics';
import type { StrategyStats } from '../metrics/strategy.stats';
import { accountInputs, type AccountInputs } from '../planning/account-inputs.builder';
import { freshReferenceBook } from '../planning/reference-book.filter';
import type { StrategySettings } from '../settings/strategy.settings';
import type { MarketState, MarketStateReader } from '../state/market-state.reader';
import { StateUnavailableError } from '../state/state-unavailable.error';

/** Collaborators of the evaluator. */
export interface MarketEvaluatorDeps {
  readonly config: Pick<AppConfig, 'markets' | 'bots'>;
  readonly settings: StrategySettings;
  readonly catalog: MarketCatalog;
  readonly reader: MarketStateReader;
  readonly referenceFeed: ReferenceFeedCache;
  readonly cycles: CycleStateStore;
  readonly params: BotParamsResolver;
  readonly messaging: MessagingService;
  readonly stats: StrategyStats;
  /** ms since epoch; injectable for tests */
  readonly now?: () => number;
}

/** How one evaluation ended. */
type Outcome = { readonly intent: StrategyPhase } | { readonly skip: SkipReason };

/**
 * Whether the next cycle waits for the report on this one's intent: only a published intent gets
 * a report, and a push (MARKET_MOVING) does not hold the next one back: its orders cross the book
 * rather than rest on it, so a push planned before the last one landed pushes further the same
 * way, as a wide gap asks, within the position budget the executor checks; it is resting
 * staircases planned twice from the same view that stack.
 */
function awaitsReport(outcome: Outcome): boolean {
  return 'intent' in outcome && outcome.intent !== 'MARKET_MOVING';
}

/** One bot's claimed cycle and what it is planned from. */
interface ClaimedCycle {
  readonly bot: BotEntry;
  readonly params: StrategyParams;
  readonly account: AccountInputs;
  readonly reference: PriceTick;
  readonly view: PlanView;
  readonly cycle: CycleState;
}

/** What starts an evaluation of a book: only one bot (a start, a report), and the reference tick that moved (a tick's replan). */
interface Trigger {
  readonly onlyBotId?: string;
  readonly tick?: PriceTick;
  /** the mainnet book that triggered the plan: newer than the stored one until the feed wrote it */
  readonly refBook?: BookSnapshot;
}

/** One snapshot's shared inputs. */
interface SnapshotContext {
  readonly book: BookSnapshot;
  readonly pair: MarketPair;
  readonly market: Market;
  readonly state: MarketState;
  readonly reference: PriceTick | undefined;
  readonly status: FeedStatus | undefined;
  /** set when a reference tick, not a book, started the evaluation */
  readonly tick: PriceTick | undefined;
  readonly nowMs: number;
}

/**
 * Turns one trading book snapshot (or the stored one, on a bot start, a report or a reference tick
 * that moved) into intents: one Redis read for the market, then for each bot
 * configured on it the planning gate, a cycle claim, the pure planner and a durable publish of
 * `intent.<wallet>`. Every evaluation (one bot on one snapshot; a snapshot of a market without
 * metadata counts as one) ends in an intent or a counted skip. Expected failures (Redis, JetStream,
 * inputs the planner refuses) are counted and logged; anything else is a bug and is thrown to the
 * worker, which logs it.
 */
export class MarketEvaluator {
  private readonly logger = new Logger(MarketEvaluator.name);
  private readonly pairs: ReadonlyMap<string, MarketPair>;
  private readonly botsByMarket: ReadonlyMap<string, readonly BotEntry[]>;
  /** cid prefix → the bot and market whose intents carry it */
  private readonly owners: ReadonlyMap<string, { readonly bot: BotEntry; readonly key: string }>;
  private readonly now: () => number;
  private stateDown = false;

  constructor(private readonly deps: MarketEvaluatorDeps) {
    this.pairs = new Map(deps.config.markets.filter((m) => m.enabled).map((m) => [m.key, m]));
    const byMarket = new Map<string, BotEntry[]>();
    for (const bot of deps.config.bots) for (const key of bot.markets) byMarket.set(key, [...(byMarket.get(key) ?? []), bot]);
    this.botsByMarket = byMarket;
    this.owners = new Map(deps.config.bots.flatMap((bot) => bot.markets.map((key) => [cidPrefixOf(bot.id, key), { bot, key }] as const)));
    this.now = deps.now ?? Date.now;
  }

  /** Plans every bot on the market of a book snapshot taken up from `md.book`. */
  async evaluate(book: BookSnapshot): Promise<void> {
    strategyMetrics.snapshots().inc({ market: book.market });
    this.deps.stats.snapshot();
    await this.plan(book);
  }

  /** Plans every bot on the book's market (or only bot `trigger.onlyBotId`). */
  private async plan(book: BookSnapshot, trigger: Trigger = {}): Promise<void> {
    const started = performance.now();
    const key = book.market;
    const { onlyBotId, tick, refBook } = trigger;
    const bots = (this.botsByMarket.get(key) ?? []).filter((bot) => onlyBotId === undefined || bot.id === onlyBotId);
    const pair = this.pairs.get(key);
    const market = this.deps.catalog.get(key);
    if (!pair || !market) {
      this.count(key, { skip: 'market-unknown' });
      return;
    }
    if (bots.length === 0) return;
    const stored = await this.readState(key, market, bots);
    if (!stored) return;
    // the feed publishes a mainnet book before it stores it
    const state = refBook && refBook.seq > (stored.refBook?.seq ?? -1) ? { ...stored, refBook } : stored;
    const nowMs = this.now();
    const ctx: SnapshotContext = {
      book,
      pair,
      market,
      state,
      reference: newestCopy(newestCopy(state.reference, this.deps.referenceFeed.reference(key), nowMs), tick, nowMs),
      status: newestCopy(state.status, this.deps.referenceFeed.status(key), nowMs),
      tick,
      nowMs,
    };
    await Promise.all(bots.map((bot) => this.evaluateBot(ctx, bot)));
    strategyMetrics.snapshotSeconds().observe({ market: key }, (performance.now() - started) / 1000);
  }

  /**
   * A bot was switched to running: plans that bot on its markets from the feed's latest stored
   * books at once, rather than waiting for the next snapshot (on a quiet book the feed republishes
   * only once a heartbeat). The cycle claim per book seq keeps a snapshot from being planned twice.
   * A replan is not a snapshot taken up: `mirrorbook_strategy_snapshots_total` does not count it.
   */
  async evaluateStoredBooks(botId: string): Promise<void> {
    const bot = this.deps.config.bots.find((b) => b.id === botId);
    if (!bot) return;
    for (const key of bot.markets) await this.evaluateStoredBook(key, { onlyBotId: bot.id });
  }

  /**
   * A reference tick of a market (docs/architecture.md#cadence): replans each running bot on it
   * whose reference moved beyond the requote tolerance since its last plan (`referenceMoved`)
   * from the feed's stored latest book at once, rather than waiting for the next snapshot (on a
   * quiet book the feed republishes only once a heartbeat). A bot whose reference has not moved
   * is not evaluated; the cycle claim, now per book and tick, keeps a view from being planned twice
   * and the wait for the last intent's report holds.
   */
  async referenceTicked(tick: PriceTick): Promise<void> {
    if (tick.role !== 'reference' || !this.botsByMarket.has(tick.market)) return;
    strategyMetrics.ticks().inc({ market: tick.market });
    this.deps.stats.tick();
    await this.evaluateStoredBook(tick.market, { tick });
  }

  /**
   * A new mainnet book of a market (`md.refbook.<mk>`, every few seconds): replans each running bot
   * on it from the stored latest book at once, so the staircase follows a change of mainnet's
   * spread or depth (docs/architecture.md#depth-curve) without waiting for the next snapshot. The
   * planner decides whether anything changes (a band off the curve beyond `depthTolerance`, quotes
   * inside mainnet's spread); the cycle claim, per book, tick and mainnet book, plans each view once.
   */
  async referenceBookPublished(book: BookSnapshot): Promise<void> {
    if (book.role !== 'reference' || !this.botsByMarket.has(book.market)) return;
    strategyMetrics.refBooks().inc({ market: book.market });
    await this.evaluateStoredBook(book.market, { refBook: book });
  }

  /**
   * The executor's report on intents: a final one ends the wait of their bot and market for it
   * (see `CycleStateStore.claim`), and the bot is planned at once from the stored latest book when
   * that book already shows the tx's block (a book read before it lacks the orders the tx placed,
   * and planning from it would place them again); otherwise the next snapshot plans it.
   */
  async reported(report: ExecutionReport): Promise<void> {
    if (!isFinalReport(report)) return;
    for (const id of report.intentIds) {
      const parsed = parseIntentId(id);
      const owner = parsed && this.owners.get(parsed.cidPrefix);
      if (!parsed || !owner || owner.bot.wallet !== report.wallet) continue;
      if (await this.release(owner.bot, owner.key, parsed.index)) await this.evaluateStoredBook(owner.key, { onlyBotId: owner.bot.id, minHeight: report.height ?? 0 });
    }
  }

  private async evaluateStoredBook(key: string, trigger: Trigger & { readonly minHeight?: number }): Promise<void> {
    const book = await this.deps.reader.latestBook(key).catch((error: unknown) => {
      if (!(error instanceof StateUnavailableError)) throw error;
      return undefined;
    });
    if (book?.role === 'trading' && book.height >= (trigger.minHeight ?? 0)) await this.plan(book, trigger);
  }

  private async readState(key: string, market: Market, bots: readonly BotEntry[]): Promise<MarketState | undefined> {
    const t0 = performance.now();
    try {
      const state = await this.deps.reader.read(key, market.type, bots);
      strategyMetrics.stateReadSeconds().observe((performance.now() - t0) / 1000);
      if (this.stateDown) this.logger.log('strategy state readable again');
      this.stateDown = false;
      return state;
    } catch (error) {
      if (!(error instanceof StateUnavailableError)) throw error;
      // once per outage: the skips counter tells how many evaluations it cost
      if (!this.stateDown) this.logger.warn(`${error.message}; evaluations are skipped until Redis answers`);
      this.stateDown = true;
      for (const _ of bots) this.count(key, { skip: 'state-unavailable' });
      return undefined;
    }
  }

  private async evaluateBot(ctx: SnapshotContext, bot: BotEntry): Promise<void> {
    const outcome = await this.planAndPublish(ctx, bot).catch((error: unknown): Outcome => {
      if (!(error instanceof StateUnavailableError)) throw error;
      this.logger.warn(`${bot.id} on ${ctx.book.market}: ${error.message}`);
      return { skip: 'state-unavailable' };
    });
    if (outcome) this.count(ctx.book.market, outcome, ctx.tick !== undefined);
  }

  /** The evaluation of one bot; undefined when a tick started it and the bot has nothing to follow (not an evaluation). */
  private async planAndPublish(ctx: SnapshotContext, bot: BotEntry): Promise<Outcome | undefined> {
    const { book, market, state, nowMs } = ctx;
    const key = book.market;
    const botState = resolveBotState(bot, state.bots.get(bot.id)?.stored, state.bootstrapped);
    if (ctx.tick && !(botState.desired === 'running' && (await this.movedSinceLastPlan(ctx, bot, botState.params)))) return undefined;
    const account = accountInputs(market, key, {
      orders: state.bots.get(bot.id)?.orders ?? [],
      balances: state.balances.get(bot.wallet),
      positions: state.positions.get(bot.wallet),
      fees: state.fees.get(bot.wallet),
    });
    const fees = state.fees.get(bot.wallet);
    const decision = gatePlanning({
      desired: botState.desired,
      fees,
      reference: ctx.reference,
      status: ctx.status,
      bookTs: book.ts,
      accountKnown: account !== undefined,
      nowMs,
      referenceMaxAgeMs: this.deps.settings.referenceMaxAgeMs,
      bookMaxAgeMs: this.deps.settings.bookMaxAgeMs,
    });
    if (!decision.plan) {
      this.logger.debug(`${bot.id} on ${key} (book ${book.seq}): ${decision.reason}: ${decision.detail}`);
      return { skip: decision.reason };
    }
    // the gate passed, so both are known; the checks only narrow the types
    if (!ctx.reference) return { skip: 'reference-missing' };
    if (!account) return { skip: 'account-unknown' };
    const params = this.deps.params.resolve(bot, ctx.pair, botState.params);
    const view: PlanView = { bookSeq: book.seq, priceSeq: ctx.reference.seq, refSeq: ctx.state.refBook?.seq ?? 0, reference: ctx.reference.mid };
    const claim = await this.claim(bot, key, view, nowMs);
    if (!claim.claimed) return { skip: claim.reason };
    const outcome = await this.planClaimed(ctx, { bot, params, account, reference: ctx.reference, view, cycle: claim.state });
    // with the wait off no claim is held, so there is nothing to release
    if (this.deps.settings.awaitReportMs > 0 && !awaitsReport(outcome)) await this.release(bot, key, claim.state.index);
    return outcome;
  }

  /** Whether the reference moved beyond the requote tolerance since the bot's last plan on the market (`referenceMoved`). */
  private async movedSinceLastPlan(ctx: SnapshotContext, bot: BotEntry, live: BotState['params']): Promise<boolean> {
    const current = ctx.reference ?? ctx.tick;
    if (!current) return false;
    const params = this.deps.params.resolve(bot, ctx.pair, live);
    const planned = await this.deps.cycles.plannedReference(bot.id, ctx.book.market).catch((error: unknown) => {
      throw new StateUnavailableError(`cycle state not read: ${(error as Error).message}`, error);
    });
    return referenceMoved({ planned: planned === undefined ? undefined : new Dec(planned), current: new Dec(current.mid), params, market: ctx.market });
  }

  /** Plans a claimed cycle and publishes its intent (an empty plan is not published). */
  private async planClaimed(ctx: SnapshotContext, claimed: ClaimedCycle): Promise<Outcome> {
    const { book, market, nowMs } = ctx;
    const { bot, account, reference, params, view, cycle } = claimed;
    const key = book.market;
    const cidPrefix = cidPrefixOf(bot.id, key);
    let plan: CyclePlan;
    const t0 = performance.now();
    try {
      plan = planCycle({
        market,
        book,
        reference: { price: new Dec(reference.mid), seq: reference.seq },
        referenceBook: freshReferenceBook(ctx.state.refBook, key, nowMs, this.deps.settings.referenceMaxAgeMs),
        ownOrders: account.ownOrders,
        balances: account.balances,
        position: account.position,
        params,
        rng: createSeededRng(`${bot.id}:${key}:${book.seq}`),
        cycle,
        nowMs,
        cidPrefix,
        slow: feeBudgetStateOf(ctx.state.fees.get(bot.wallet), nowMs) === 'slow',
      });
    } catch (error) {
      if (!(error instanceof StrategyInputError)) throw error;
      this.logger.warn(`${bot.id} on ${key} (book ${book.seq}): cannot plan: ${error.code} ${error.message}`);
      return { skip: 'invalid-input' };
    }
    strategyMetrics.planningSeconds().observe({ phase: plan.phase }, (performance.now() - t0) / 1000);
    this.deps.stats.planned(key, plan.phase);
    if (plan.notes.length > 0) {
      const top = `book ${book.bids[0]?.price ?? '-'} / ${book.asks[0]?.price ?? '-'} at ${book.height}, reference ${reference.mid}`;
      this.logger.debug(`${bot.id} on ${key} (book ${book.seq}) ${plan.phase}: ${plan.notes.join('; ')} (${top})`);
    }
    if (plan.actions.length === 0) {
      await this.commit(bot, key, view, cycle, plan);
      return { skip: plan.maintenanceDueAtMs === undefined ? 'no-change' : 'not-due' };
    }
    const id = intentIdOf(cidPrefix, cycle.index);
    const intent = buildIntent({ bot, marketKey: key, plan, id, nowMs, ttlMs: params.intentTtlMs });
    try {
      await this.deps.messaging.publishDurable(subjects.intent(bot.wallet), intent);
    } catch (error) {
      this.logger.warn(`${bot.id} on ${key} (book ${book.seq}): intent ${id} not published: ${(error as Error).message}`);
      return { skip: 'publish-failed' };
    }
    await this.commit(bot, key, view, cycle, plan);
    return { intent: plan.phase };
  }

  private async claim(bot: BotEntry, key: string, view: PlanView, nowMs: number): Promise<CycleClaim> {
    try {
      return await this.deps.cycles.claim(bot.id, key, view, nowMs, this.deps.settings.awaitReportMs);
    } catch (error) {
      throw new StateUnavailableError(`cycle claim failed: ${(error as Error).message}`, error);
    }
  }

  /** Best effort: a wait not ended here ends after `awaitReportMs`. */
  private async release(bot: BotEntry, key: string, index: number): Promise<boolean> {
    try {
      return await this.deps.cycles.release(bot.id, key, index);
    } catch (error) {
      this.logger.warn(`${bot.id} on ${key}: the wait for cycle ${index} not ended: ${(error as Error).message}`);
      return false;
    }
  }

  /**
   * Best effort: a stage not advanced only repeats a maintenance depth band next cycle, a
   * maintenance time not stored only makes the next maintenance come early.
   */
  private async commit(bot: BotEntry, key: string, view: PlanView, cycle: CycleState, plan: CyclePlan): Promise<void> {
    const next = plan.nextCycleState;
    if (next.stage === cycle.stage && next.maintainedAtMs === cycle.maintainedAtMs) return;
    try {
      await this.deps.cycles.commit(bot.id, key, view, next);
    } catch (error) {
      this.logger.warn(`${bot.id} on ${key}: maintenance stage and time not stored: ${(error as Error).message}`);
    }
  }

  /** Counts one evaluation; `fromTick`: a reference tick started it. */
  private count(key: string, outcome: Outcome, fromTick = false): void {
    strategyMetrics.evaluations().inc({ market: key });
    this.deps.stats.evaluated();
    if ('intent' in outcome) {
      strategyMetrics.intents().inc({ market: key, phase: outcome.intent });
      if (fromTick) strategyMetrics.tickIntents().inc({ market: key, phase: outcome.intent });
      this.deps.stats.published(key, outcome.intent, fromTick);
    } else {
      strategyMetrics.skips().inc({ market: key, reason: outcome.skip });
      this.deps.stats.skipped(key, outcome.skip);
    }
  }
}

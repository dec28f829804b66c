import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Subscription } from 'nats';
import { subjects, type BookSnapshot, type BotState, type ExecutionReport, type PriceTick } from '@mirrorbook/contracts';
import { MessagingService } from '@mirrorbook/messaging';
import { HeartbeatService, ReadinessRegistry } from '@mirrorbook/observability';
import { ReferenceFeedCache } from '../market-data/reference-feed.cache';
import { MarketCatalog } from '../markets/market.catalog';
import { StrategyStats } from '../metrics/strategy.stats';
import { STRATEGY_SETTINGS, type StrategySettings } from '../settings/strategy.settings';
import { InFlightLimiter } from './in-flight.limiter';
import { MarketEvaluator } from './market.evaluator';

/** The queue group every strategy worker joins: NATS hands each book snapshot to one of them. */
export const STRATEGY_QUEUE = 'strategy';

/** The queue group for bot state changes: one worker plans a started bot from the stored books. */
export const BOT_START_QUEUE = 'strategy-bot-start';

/** The queue group for execution reports: one worker ends the wait for a reported intent and plans again. */
export const REPORT_QUEUE = 'strategy-reports';

/** The queue group for reference ticks: one worker replans the bots a tick moved from the stored book. */
export const TICK_QUEUE = 'strategy-ticks';

/** The queue group for mainnet books: one worker replans the bots of a market from the stored book. */
export const REFBOOK_QUEUE = 'strategy-refbooks';

/** Lifecycle of the worker. */
export type WorkerState = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped';

/**
 * Takes trading book snapshots from `md.book.<net>.*` in the queue group `strategy` and hands each
 * to the evaluator, at most `STRATEGY_CONCURRENCY` at once, with bot starts (`bot.state.*`) and,
 * when planning waits for reports, the executors' reports (`exec.report.*`), the reference ticks
 * (`md.price.<net>.*`) and the mainnet books (`md.refbook.*`), all of which plan at once from the stored books. Ready once subscribed; on shutdown it stops taking snapshots
 * and lets the ones in flight finish.
 */
@Injectable()
export class SnapshotWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SnapshotWorker.name);
  private state: WorkerState = 'idle';
  private subscription: Subscription | undefined;
  private botStates: Subscription | undefined;
  private reports: Subscription | undefined;
  private ticks: Subscription | undefined;
  private refBooks: Subscription | undefined;
  private readonly limiter: InFlightLimiter;

  constructor(
    @Inject(STRATEGY_SETTINGS) private readonly settings: StrategySettings,
    private readonly evaluator: MarketEvaluator,
    private readonly catalog: MarketCatalog,
    private readonly referenceFeed: ReferenceFeedCache,
    private readonly stats: StrategyStats,
    private readonly messaging: MessagingService,
    private readonly readiness: ReadinessRegistry,
    private readonly heartbeat: HeartbeatService,
  ) {
    this.limiter = new InFlightLimiter(settings.concurrency, (error) =>
      this.logger.error(`snapshot evaluation failed: ${(error as Error).stack ?? String(error)}`),
    );
  }

  onApplicationBootstrap(): void {
    this.readiness.register('strategy', () => this.state === 'running');
    this.heartbeat.contribute(() => ({ details: { worker: this.state, inFlight: this.limiter.active, ...this.stats.details() } }));
    void this.start();
  }

  private async start(): Promise<void> {
    this.state = 'starting';
    void this.catalog.load().firstRead;
    await this.messaging.ready();
    if (this.state !== 'starting') return;
    this.referenceFeed.start();
    const pattern = subjects.mdBook(this.settings.bookNet, '*');
    this.subscription = this.messaging.subscribe(pattern, (book) => this.take(book), { queue: STRATEGY_QUEUE });
    this.botStates = this.messaging.subscribe(subjects.botState('*'), (state) => this.started(state), { queue: BOT_START_QUEUE });
    // reports only end waits: with STRATEGY_AWAIT_REPORT_MS=0 there are none; and without the wait
    // a tick's replan of a book already planned could stack on the last intent before it landed
    if (this.settings.awaitReportMs > 0) {
      this.reports = this.messaging.subscribe(subjects.execReport('*'), (report) => this.reported(report), { queue: REPORT_QUEUE });
      this.ticks = this.messaging.subscribe(subjects.mdPrice(this.settings.referenceNet, '*'), (tick) => this.ticked(tick), { queue: TICK_QUEUE, countInvalid: false });
      this.refBooks = this.messaging.subscribe(subjects.mdRefBook('*'), (book) => this.refBookPublished(book), { queue: REFBOOK_QUEUE });
    }
    // ready means the server knows the subscription: a snapshot published after that reaches the group
    await (await this.messaging.connectionWhenReady()).flush();
    if (this.state !== 'starting') return;
    this.state = 'running';
    this.logger.log(`taking ${pattern.subject} in queue group ${STRATEGY_QUEUE}, ${this.settings.concurrency} at a time`);
  }

  private async take(book: BookSnapshot): Promise<void> {
    // the reference side's books (a sim publishes both under one net) are not traded on
    if (book.role !== 'trading') return;
    await this.limiter.admit(() => this.evaluator.evaluate(book));
  }

  private async started(state: BotState): Promise<void> {
    if (state.desired !== 'running' || this.state !== 'running') return;
    await this.limiter.admit(() => this.evaluator.evaluateStoredBooks(state.bot));
  }

  private async reported(report: ExecutionReport): Promise<void> {
    if (this.state !== 'running') return;
    await this.limiter.admit(() => this.evaluator.reported(report));
  }

  private async ticked(tick: PriceTick): Promise<void> {
    if (tick.role !== 'reference' || this.state !== 'running') return;
    await this.limiter.admit(() => this.evaluator.referenceTicked(tick));
  }

  private async refBookPublished(book: BookSnapshot): Promise<void> {
    if (this.state !== 'running') return;
    await this.limiter.admit(() => this.evaluator.referenceBookPublished(book));
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopping';
    this.subscription?.unsubscribe();
    this.botStates?.unsubscribe();
    this.reports?.unsubscribe();
    this.ticks?.unsubscribe();
    this.refBooks?.unsubscribe();
    this.referenceFeed.stop();
    this.catalog.stop();
    await this.limiter.close();
    this.state = 'stopped';
  }
}

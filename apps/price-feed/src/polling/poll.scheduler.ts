import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@mirrorbook/config';
import { MessagingService } from '@mirrorbook/messaging';
import { HeartbeatService, ReadinessRegistry } from '@mirrorbook/observability';
import { backoffAfterFailure, isBackingOff, NO_BACKOFF, type BackoffState } from '../budget/host.backoff';
import { isRefBookDue, planPolling, type HostLoad, type PollPlan } from '../budget/poll-budget.calculator';
import { LcdHostPool } from '../lcd/lcd-host.pool';
import { priceFeedMetrics } from '../metrics/price-feed.metrics';
import { SnapshotPublisher } from '../publishing/snapshot.publisher';
import { FEED_SETTINGS, type FeedSettings } from '../settings/feed.settings';
import { FEED_SOURCES, type FeedSources } from '../sources/feed-sources.factory';
import { StatusReporter } from '../status/status.reporter';
import { FeedStateStore, type FeedSide, type MarketRuntime } from './feed-state.store';
import { MarketPoller, type PollOutcome } from './market.poller';

/** Backoff of a host that refused or failed: 250 ms, doubling, at most 5 s. */
const BACKOFF = { initialMs: 250, maxMs: 5000 };

/** Lifecycle of the polling loop. */
export type SchedulerState = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped';

/**
 * Polls the markets one after another, one every `slotMs`, so each market is read once per
 * interval and the requests are spread evenly, its reference book on every `refBookEvery`-th of
 * those polls; skips a side whose previous read is still running or whose host is backing off.
 * Stops taking work on shutdown and lets reads in flight finish.
 */
@Injectable()
export class PollScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PollScheduler.name);
  private state: SchedulerState = 'idle';
  private slotTimer: NodeJS.Timeout | undefined;
  private statusTimer: NodeJS.Timeout | undefined;
  private slot = 0;
  private slotsFrom = 0;
  private readonly backoff = new Map<string, BackoffState>();
  private readonly hostProblems = new Map<string, string>();
  private readonly inflight = new Set<Promise<unknown>>();
  /** one per read in flight (a shared long-lived signal would collect a listener per request) */
  private readonly aborts = new Set<AbortController>();

  constructor(
    @Inject(FEED_SETTINGS) private readonly settings: FeedSettings,
    @Inject(FEED_SOURCES) private readonly sources: FeedSources,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: FeedStateStore,
    private readonly poller: MarketPoller,
    private readonly reporter: StatusReporter,
    private readonly publisher: SnapshotPublisher,
    private readonly pool: LcdHostPool,
    private readonly messaging: MessagingService,
    private readonly readiness: ReadinessRegistry,
    private readonly heartbeat: HeartbeatService,
  ) {}

  /** The cadence the budget allows for the configured markets. */
  plan(): PollPlan {
    const load = new Map<string, { requestsPerCycle: number; refBookRequests: number }>();
    const add = (host: string, part: 'requestsPerCycle' | 'refBookRequests', n: number) => {
      const entry = load.get(host) ?? { requestsPerCycle: 0, refBookRequests: 0 };
      load.set(host, { ...entry, [part]: entry[part] + n });
    };
    const { reference, book, refBook } = this.sources;
    for (const market of this.settings.markets) {
      add(reference.host, 'requestsPerCycle', reference.requestsPerRead(market));
      add(book.host, 'requestsPerCycle', book.requestsPerRead(market));
      add(refBook.host, 'refBookRequests', refBook.requestsPerRead(market));
    }
    const hosts: HostLoad[] = [...load].map(([host, requests]) => ({ host, ...requests }));
    return planPolling({
      pollIntervalMs: this.settings.pollIntervalMs,
      refBookIntervalMs: this.settings.refBookIntervalMs,
      budgetPerSecond: this.settings.requestBudgetPerSecond,
      hosts,
      marketCount: this.settings.markets.length,
    });
  }

  get running(): boolean {
    return this.state === 'running';
  }

  private is(state: SchedulerState): boolean {
    return this.state === state;
  }

  onApplicationBootstrap(): void {
    this.readiness.register('price-feed', () => this.running);
    this.heartbeat.contribute(() => ({ details: this.details() }));
    for (const note of this.settings.notes) this.logger.warn(note);
    void this.start();
  }

  private async start(): Promise<void> {
    this.state = 'starting';
    await this.messaging.ready();
    const seeded = await this.publisher.restoreSeqs(this.settings.markets);
    if (!this.is('starting')) return;
    const plan = this.plan();
    this.store.begin(plan);
    priceFeedMetrics.pollInterval().set(plan.intervalMs);
    priceFeedMetrics.refBookInterval().set(plan.refBookIntervalMs);
    priceFeedMetrics.throttled().set(plan.throttled ? 1 : 0);
    const [reference, trading] = [this.settings.endpoints.reference.config, this.settings.endpoints.trading.config];
    this.logger.log(
      `polling ${this.settings.markets.length} markets every ${plan.intervalMs} ms, their reference books every ${plan.refBookIntervalMs} ms` +
        `${plan.throttled ? ` (throttled: ${this.settings.pollIntervalMs} ms wanted, ${this.settings.requestBudgetPerSecond} req/s per host)` : ''}` +
        `; reference ${reference.lcdUrl} (${reference.name}), books ${trading.lcdUrl} (${trading.name}); ${seeded} seqs restored`,
    );
    this.state = 'running';
    this.slotsFrom = Date.now();
    this.slot = 0;
    this.statusTimer = setInterval(() => {
      this.reporter.report();
      this.refreshRequestRates();
    }, this.reporter.tickMs());
    this.scheduleSlot(plan);
  }

  private scheduleSlot(plan: PollPlan): void {
    if (this.state !== 'running') return;
    const now = Date.now();
    let due = this.slotsFrom + this.slot * plan.slotMs;
    if (now - due > plan.intervalMs) {
      // the event loop stalled for more than a whole interval: start the spacing afresh
      this.slotsFrom = now - this.slot * plan.slotMs;
      due = now;
    }
    this.slotTimer = setTimeout(() => {
      this.runSlot(this.slot, plan);
      this.slot++;
      this.scheduleSlot(plan);
    }, Math.max(0, due - now));
  }

  private runSlot(slot: number, plan: PollPlan): void {
    const markets = this.store.all();
    if (markets.length === 0) return;
    const runtime = markets[slot % markets.length];
    this.launch(runtime, 'reference');
    this.launch(runtime, 'book');
    if (isRefBookDue(slot, markets.length, plan.refBookEvery)) this.launch(runtime, 'refBook');
  }

  private launch(runtime: MarketRuntime, side: FeedSide): void {
    if (runtime[side].busy) {
      priceFeedMetrics.skippedPolls().inc({ side, why: 'busy' });
      return;
    }
    const { host } = this.sources[side];
    if (isBackingOff(this.backoff.get(host) ?? NO_BACKOFF, Date.now())) {
      priceFeedMetrics.skippedPolls().inc({ side, why: 'backoff' });
      this.poller.recordHostTrouble(runtime, side, this.hostProblems.get(host) ?? `${host} is backing off`);
      return;
    }
    const abort = new AbortController();
    this.aborts.add(abort);
    const poll = this.poller
      .poll(runtime, side, abort.signal)
      .then((outcome) => this.settle(host, outcome))
      .finally(() => {
        this.aborts.delete(abort);
        this.inflight.delete(poll);
      });
    this.inflight.add(poll);
  }

  private settle(host: string, outcome: PollOutcome): void {
    if (outcome.kind === 'error' && outcome.hostTrouble) {
      const next = backoffAfterFailure(this.backoff.get(host) ?? NO_BACKOFF, Date.now(), outcome.retryAfterMs, BACKOFF);
      this.backoff.set(host, next);
      this.hostProblems.set(host, outcome.detail);
    } else if (outcome.kind === 'ok' || outcome.kind === 'rejected') {
      this.backoff.delete(host);
      this.hostProblems.delete(host);
    }
  }

  private refreshRequestRates(now = Date.now()): void {
    for (const h of this.pool.all()) priceFeedMetrics.requestRate().set({ host: h.host }, h.rate.count(now));
  }

  /** Heartbeat details: markets, cadences, throttling, markets per state, request rate per host. */
  private details(): Record<string, number | boolean | string> {
    const plan = this.store.plan;
    const now = Date.now();
    const rates = Object.fromEntries(this.pool.all().map((h) => [`requestsPerS:${h.host}`, h.rate.count(now)]));
    return {
      markets: this.settings.markets.length,
      throttled: plan?.throttled ?? false,
      pollIntervalMs: plan?.intervalMs ?? this.settings.pollIntervalMs,
      refBookIntervalMs: plan?.refBookIntervalMs ?? this.settings.refBookIntervalMs,
      polling: this.state,
      ...this.reporter.countByState(),
      ...rates,
    };
  }

  /**
   * Stop taking work, then finish in flight: no new slot; reads still waiting for a token are
   * refused; reads already sent get until half the shutdown budget (at most 5 s), then are aborted.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.state === 'stopping' || this.state === 'stopped') return;
    this.state = 'stopping';
    clearTimeout(this.slotTimer);
    clearInterval(this.statusTimer);
    this.poller.stop();
    this.pool.close();
    const startedBeforeStop = this.pool.requestsStarted();
    this.logger.log(`stopping: no new LCD requests; ${this.inflight.size} reads in flight, ${startedBeforeStop} requests started so far`);
    const graceMs = Math.min(5000, this.config.env.SHUTDOWN_TIMEOUT_MS / 2);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.allSettled([...this.inflight]), grace]);
    clearTimeout(timer);
    if (this.inflight.size > 0) {
      this.logger.warn(`aborting ${this.inflight.size} reads still running after ${graceMs} ms`);
      for (const abort of this.aborts) abort.abort();
      await Promise.allSettled([...this.inflight]);
    }
    const startedInAll = this.pool.requestsStarted();
    this.logger.log(`stopped: ${startedInAll} LCD requests started in all, ${startedInAll - startedBeforeStop} after the stop began`);
    this.state = 'stopped';
  }
}

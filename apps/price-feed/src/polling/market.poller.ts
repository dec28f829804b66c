import { Inject, Injectable, Logger } from '@nestjs/common';
import { priceFeedMetrics } from '../metrics/price-feed.metrics';
import { bookSnapshot } from '../publishing/book-snapshot.builder';
import { nextBookLevels } from '../publishing/book-depth.planner';
import { referenceTick, tradingTick, type ReadingStamp } from '../publishing/price-tick.builder';
import { REF_BOOK_BAND_PCT, withinBand } from '../publishing/reference-band.filter';
import { SnapshotPublisher } from '../publishing/snapshot.publisher';
import { FEED_SETTINGS, type FeedSettings } from '../settings/feed.settings';
import { FEED_SOURCES, type FeedSources } from '../sources/feed-sources.factory';
import { validateBook, type ValidBook } from '../validation/book.validator';
import { observeHeight } from '../validation/height.guard';
import { validateReference } from '../validation/reference.validator';
import type { RejectionReason } from '../validation/verdict.model';
import type { BookSide, FeedSide, MarketRuntime, SideRuntime } from './feed-state.store';
import { classifyReadFailure, type ReadFailure } from './read-failure.classifier';

/** Reads in a row that must agree on a lower block height before it is adopted (a restarted chain). */
export const HEIGHT_REBASE_AFTER = 3;

/** How one poll of one side ended. */
export type PollOutcome = { kind: 'ok' } | ReadFailure;

/** A book read that passed the height guard and validation. */
interface GoodBook {
  readonly book: ValidBook;
  readonly stamp: ReadingStamp;
}

/**
 * Polls one side of one market: read → validate → publish, and records the outcome in the
 * side's health. Never throws: a failed read is an outcome, and a side keeps what it published last.
 */
@Injectable()
export class MarketPoller {
  private readonly logger = new Logger(MarketPoller.name);
  private stopping = false;

  constructor(
    @Inject(FEED_SOURCES) private readonly sources: FeedSources,
    @Inject(FEED_SETTINGS) private readonly settings: FeedSettings,
    private readonly publisher: SnapshotPublisher,
  ) {}

  /** From now on, aborted reads are shutdown, not source errors. */
  stop(): void {
    this.stopping = true;
  }

  async poll(runtime: MarketRuntime, side: FeedSide, signal?: AbortSignal): Promise<PollOutcome> {
    const state = runtime[side];
    state.busy = true;
    try {
      if (side === 'reference') return await this.pollReference(runtime, signal);
      return side === 'book' ? await this.pollBook(runtime, signal) : await this.pollRefBook(runtime, signal);
    } catch (error) {
      const failure = classifyReadFailure(error, this.stopping);
      this.recordFailure(runtime, side, failure);
      return failure;
    } finally {
      state.busy = false;
    }
  }

  /** Marks a side as failing without reading it (its host is backing off). */
  recordHostTrouble(runtime: MarketRuntime, side: FeedSide, problem: string): void {
    const state = runtime[side];
    state.health = { ...state.health, lastOutcome: 'error', problem };
  }

  private async pollReference(runtime: MarketRuntime, signal?: AbortSignal): Promise<PollOutcome> {
    const { market } = runtime;
    const reading = await this.sources.reference.read(market, signal);
    const now = Date.now();
    const regressed = this.heightRegression(runtime, 'reference', reading.height);
    if (regressed) return regressed;
    const verdict = validateReference(reading, market.referenceSource);
    if (!verdict.ok) return this.rejected(runtime, 'reference', verdict.reason, verdict.detail);
    this.recordGood(runtime.reference, now);
    const stamp = { net: this.settings.endpoints.reference.config.name, market: market.key, height: reading.height, ts: now };
    this.publisher.offerPrice(referenceTick(stamp, verdict.value), now);
    return { kind: 'ok' };
  }

  private async pollBook(runtime: MarketRuntime, signal?: AbortSignal): Promise<PollOutcome> {
    const read = await this.readBook(runtime, 'book', this.settings.bookDepthPct, signal);
    if (!('book' in read)) return read;
    const { book, stamp } = read;
    this.publisher.offerBook(bookSnapshot(stamp, book, 'trading'), stamp.ts);
    const tick = tradingTick(stamp, book);
    if (tick) this.publisher.offerPrice(tick, stamp.ts);
    return { kind: 'ok' };
  }

  /** The reference side's book, levels within `REF_BOOK_BAND_PCT` of its mid, on `md.refbook`. */
  private async pollRefBook(runtime: MarketRuntime, signal?: AbortSignal): Promise<PollOutcome> {
    const read = await this.readBook(runtime, 'refBook', REF_BOOK_BAND_PCT, signal);
    if (!('book' in read)) return read;
    const { book, stamp } = read;
    this.publisher.offerBook(bookSnapshot(stamp, withinBand(book, REF_BOOK_BAND_PCT), 'reference'), stamp.ts);
    return { kind: 'ok' };
  }

  /**
   * Reads one book side and checks it as every book is checked (height guard, validation), then
   * records it as good and widens the side's level limit until it reaches `depthPct` from the mid.
   */
  private async readBook(runtime: MarketRuntime, side: BookSide, depthPct: number, signal?: AbortSignal): Promise<GoodBook | PollOutcome> {
    const { market } = runtime;
    const levels = runtime.levels[side];
    const reading = await this.sources[side].read(market, levels, signal);
    const now = Date.now();
    const regressed = this.heightRegression(runtime, side, reading.height);
    if (regressed) return regressed;
    const verdict = validateBook(reading);
    if (!verdict.ok) return this.rejected(runtime, side, verdict.reason, verdict.detail);
    this.recordGood(runtime[side], now);
    runtime.levels[side] = nextBookLevels(levels, verdict.value, depthPct);
    const endpoint = side === 'book' ? this.settings.endpoints.trading : this.settings.endpoints.reference;
    return { book: verdict.value, stamp: { net: endpoint.config.name, market: market.key, height: reading.height, ts: now } };
  }

  /** The rejection when the height went backwards, undefined when it holds. */
  private heightRegression(runtime: MarketRuntime, side: FeedSide, height: number): PollOutcome | undefined {
    const state = runtime[side];
    const before = state.heights.accepted;
    const { state: next, verdict } = observeHeight(state.heights, height, HEIGHT_REBASE_AFTER);
    state.heights = next;
    if (verdict === 'rebased') {
      this.logger.warn(`${runtime.market.key} ${side}: block height went from ${before} back to ${height} and stayed there; adopting it`);
    }
    if (verdict !== 'regressed') return undefined;
    return this.rejected(runtime, side, 'height-regression', `height ${height} < ${before}`);
  }

  private rejected(runtime: MarketRuntime, side: FeedSide, reason: RejectionReason, detail: string): PollOutcome {
    const failure = { kind: 'rejected', reason, detail } as const;
    this.recordFailure(runtime, side, failure);
    return failure;
  }

  private recordGood(state: SideRuntime, now: number): void {
    state.health = { lastGoodAt: now, lastOutcome: 'ok', problem: null };
  }

  private recordFailure(runtime: MarketRuntime, side: FeedSide, failure: ReadFailure): void {
    if (failure.kind === 'stopping') return;
    const state = runtime[side];
    const { host } = this.sources[side];
    if (failure.kind === 'rejected') {
      priceFeedMetrics.rejections().inc({ market: runtime.market.key, side, reason: failure.reason });
      if (state.health.lastOutcome !== 'rejected') {
        this.logger.warn(`${runtime.market.key} ${side}: rejected ${failure.reason}: ${failure.detail}`);
      }
      state.health = { ...state.health, lastOutcome: 'rejected', problem: `${failure.reason} (${failure.detail})` };
      return;
    }
    priceFeedMetrics.sourceErrors().inc({ host, code: failure.code });
    if (state.health.lastOutcome !== 'error') this.logger.warn(`${runtime.market.key} ${side}: read failed: ${failure.detail}`);
    state.health = { ...state.health, lastOutcome: 'error', problem: failure.detail };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { FeedState } from '@mirrorbook/contracts';
import { priceFeedMetrics } from '../metrics/price-feed.metrics';
import { FeedStateStore, type MarketRuntime } from '../polling/feed-state.store';
import { SnapshotPublisher } from '../publishing/snapshot.publisher';
import { FEED_SETTINGS, type FeedSettings } from '../settings/feed.settings';
import { buildFeedStatus, statusFingerprint } from './feed-status.builder';
import { effectiveStaleAfterMs, evaluateSide, type StalenessThresholds } from './side-status.evaluator';

/**
 * Evaluates every market's `md.status` on a short tick (so that a source going silent turns
 * stale on time even though no read completes) and publishes it on change, or once per
 * republish interval; also sets the update-age gauges.
 */
@Injectable()
export class StatusReporter {
  /** the latest state per market, for the heartbeat */
  private readonly states = new Map<string, FeedState>();

  constructor(
    private readonly store: FeedStateStore,
    private readonly publisher: SnapshotPublisher,
    @Inject(FEED_SETTINGS) private readonly settings: FeedSettings,
  ) {}

  /** How often `report` should run, ms: a sixth of the threshold, between 100 ms and 1 s. */
  tickMs(): number {
    return Math.min(1000, Math.max(100, Math.floor(this.settings.staleAfterMs / 6)));
  }

  /** Evaluates and (when due) publishes the status of every market. */
  report(now = Date.now()): void {
    const plan = this.store.plan;
    if (!plan) return;
    const limits = this.thresholds(plan.intervalMs);
    const refBookLimits = this.thresholds(plan.refBookIntervalMs);
    for (const runtime of this.store.all()) {
      const reference = evaluateSide(runtime.reference.health, now, this.store.startedAt, limits);
      const book = evaluateSide(runtime.book.health, now, this.store.startedAt, limits);
      const refBook = evaluateSide(runtime.refBook.health, now, this.store.startedAt, refBookLimits);
      const ages = priceFeedMetrics.updateAge();
      ages.set({ market: runtime.market.key, side: 'reference' }, seconds(reference.ageMs));
      ages.set({ market: runtime.market.key, side: 'book' }, seconds(book.ageMs));
      ages.set({ market: runtime.market.key, side: 'refBook' }, seconds(refBook.ageMs));
      if (!this.due(runtime, now, limits.staleAfterMs)) continue;
      const draft = buildFeedStatus({
        market: runtime.market.key,
        reference,
        book,
        refBook,
        throttled: plan.throttled,
        pollIntervalMs: plan.intervalMs,
        ts: now,
      });
      this.states.set(runtime.market.key, draft.state);
      this.publisher.offerStatus(draft, statusFingerprint(draft), now);
    }
  }

  /**
   * Thresholds of a side read every `intervalMs`: stale after the configured time, but never
   * before 3 of its reads in a row brought nothing good.
   */
  private thresholds(intervalMs: number): StalenessThresholds {
    return { staleAfterMs: effectiveStaleAfterMs(this.settings.staleAfterMs, intervalMs), downAfterMs: this.settings.downAfterMs };
  }

  /** Markets counted by state, for the heartbeat. */
  countByState(): Record<FeedState, number> {
    const counts: Record<FeedState, number> = { fresh: 0, degraded: 0, stale: 0, down: 0 };
    for (const state of this.states.values()) counts[state]++;
    return counts;
  }

  /** A market's first status waits for both sides' first outcome, or for the stale threshold. */
  private due(runtime: MarketRuntime, now: number, staleAfterMs: number): boolean {
    const heard = runtime.reference.health.lastOutcome !== null && runtime.book.health.lastOutcome !== null;
    return heard || now - this.store.startedAt > staleAfterMs;
  }
}

function seconds(ms: number | null): number {
  return ms === null ? -1 : ms / 1000;
}

import type { FeedState } from '@mirrorbook/contracts';

/** What the feed knows about one side (reference or book) of one market. */
export interface SideHealth {
  /** when the last reply that passed validation arrived, ms since epoch; null before the first */
  readonly lastGoodAt: number | null;
  /** how the latest read ended; null before the first */
  readonly lastOutcome: 'ok' | 'rejected' | 'error' | null;
  /** the latest rejection or error, for the status's `reason` */
  readonly problem: string | null;
}

export const INITIAL_SIDE_HEALTH: SideHealth = { lastGoodAt: null, lastOutcome: null, problem: null };

/** Thresholds in force, ms. */
export interface StalenessThresholds {
  readonly staleAfterMs: number;
  readonly downAfterMs: number;
}

/** One side of `md.status`. */
export interface SideStatus {
  readonly state: FeedState;
  readonly ageMs: number | null;
  readonly reason?: string;
}

/**
 * The state of one side at `now` (pure), in order of precedence:
 * - `down`: the source keeps failing and nothing good came for `downAfterMs` (or since the start);
 * - `degraded`: the source answers, but its latest reply was rejected;
 * - `stale`: nothing good for `staleAfterMs` (or nothing yet);
 * - `fresh` otherwise — a single failed read inside the threshold does not flap the status.
 */
export function evaluateSide(health: SideHealth, now: number, startedAt: number, limits: StalenessThresholds): SideStatus {
  const ageMs = health.lastGoodAt === null ? null : Math.max(0, now - health.lastGoodAt);
  const silentMs = now - (health.lastGoodAt ?? startedAt);
  if (health.lastOutcome === 'error' && silentMs > limits.downAfterMs) {
    return { state: 'down', ageMs, reason: `source failing: ${health.problem ?? 'unknown error'}` };
  }
  if (health.lastOutcome === 'rejected') return { state: 'degraded', ageMs, reason: `rejected: ${health.problem ?? 'invalid reply'}` };
  if (ageMs === null) return { state: 'stale', ageMs, reason: health.problem ? `no good update yet: ${health.problem}` : 'no update yet' };
  if (ageMs > limits.staleAfterMs) {
    return { state: 'stale', ageMs, reason: `no good update within ${limits.staleAfterMs} ms${health.problem ? `: ${health.problem}` : ''}` };
  }
  return { state: 'fresh', ageMs };
}

/** The staleness threshold in force: the configured one, but never below 3 poll intervals. */
export function effectiveStaleAfterMs(configuredMs: number, pollIntervalMs: number): number {
  return Math.max(configuredMs, 3 * pollIntervalMs);
}

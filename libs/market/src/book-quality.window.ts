import type Decimal from 'decimal.js';
import type { BookQuality } from './book.quality';
import { Dec } from './decimal.config';
import type { TwoSidedUptime } from './olp.uptime';

/** One snapshot's figures as the rolling window keeps them. */
export interface QualitySample {
  /** when the snapshot was taken, ms on the clock `figures(nowMs)` is asked with */
  readonly ts: number;
  readonly quality: Pick<BookQuality, 'trackingErrorBps' | 'spreadRatio' | 'depth'>;
  /** two-sided uptime at the snapshot (`twoSidedUptime`); null when the bot's orders were not known */
  readonly uptime: TwoSidedUptime | null;
}

/** Mean depth ratio of one band over the window, per side. */
export interface BandRatio {
  readonly bandBps: number;
  readonly bids: Decimal | null;
  readonly asks: Decimal | null;
}

/** Book quality over a window ending now; null where no snapshot in it knew the figure. */
export interface RollingBookQuality {
  readonly windowMs: number;
  /** snapshots taken inside the window */
  readonly samples: number;
  /** √(mean of tracking error²) over the window's snapshots, bps */
  readonly trackingErrorRmsBps: Decimal | null;
  /** spread ratio weighted by how long each snapshot held */
  readonly spreadRatio: Decimal | null;
  /** plain mean per band and side over the window's snapshots */
  readonly depthRatio: readonly BandRatio[];
  /** % of the window's known time with two-sided uptime, per rule */
  readonly uptimePct: { readonly aggregate: Decimal | null; readonly perOrder: Decimal | null };
}

interface Held {
  readonly sample: QualitySample;
  /** ms of the window during which this snapshot was the latest */
  readonly ms: number;
}

/**
 * The window [nowMs − windowMs, nowMs] over snapshots in time order. Time-weighted figures treat a
 * snapshot as holding until the next one (the last until `nowMs`), so a snapshot taken before the
 * window still counts for the part of the window it held; plain figures (RMS, depth ratio means)
 * take the snapshots taken inside the window. Snapshots after `nowMs` are ignored.
 */
export function rollingBookQuality(samples: readonly QualitySample[], nowMs: number, windowMs: number): RollingBookQuality {
  const start = nowMs - windowMs;
  const seen = samples.filter((s) => s.ts <= nowMs);
  const inside = seen.filter((s) => s.ts >= start);
  const held = seen.map((sample, i) => ({ sample, ms: Math.max(0, Math.min(seen[i + 1]?.ts ?? nowMs, nowMs) - Math.max(sample.ts, start)) }));
  return {
    windowMs,
    samples: inside.length,
    trackingErrorRmsBps: rms(known(inside.map((s) => s.quality.trackingErrorBps))),
    spreadRatio: timeWeighted(held, (s) => s.quality.spreadRatio),
    depthRatio: bandsOf(inside).map((bandBps) => ({
      bandBps,
      bids: mean(known(inside.map((s) => bandOf(s, bandBps)?.ratio.bids ?? null))),
      asks: mean(known(inside.map((s) => bandOf(s, bandBps)?.ratio.asks ?? null))),
    })),
    uptimePct: { aggregate: uptimePct(held, 'aggregate'), perOrder: uptimePct(held, 'perOrder') },
  };
}

/**
 * Keeps the snapshots a rolling window needs and answers `rollingBookQuality` for a given now.
 * Snapshots must come in time order.
 */
export class BookQualityWindow {
  private samples: QualitySample[] = [];

  constructor(readonly windowMs: number) {
    if (!Number.isFinite(windowMs) || windowMs <= 0) throw new RangeError(`windowMs must be > 0, got ${windowMs}`);
  }

  /** Adds a snapshot; throws RangeError for one older than the last. */
  add(sample: QualitySample): void {
    const last = this.samples.at(-1);
    if (last && sample.ts < last.ts) throw new RangeError(`snapshot at ${sample.ts} is older than the last one (${last.ts})`);
    this.samples.push(sample);
    // the newest snapshot at or before the window's start still weighs in; older ones never will again
    const start = sample.ts - this.windowMs;
    let firstNeeded = 0;
    while (this.samples[firstNeeded + 1] !== undefined && this.samples[firstNeeded + 1]!.ts <= start) firstNeeded += 1;
    if (firstNeeded > 0) this.samples = this.samples.slice(firstNeeded);
  }

  /** The figures over [nowMs − windowMs, nowMs]. */
  figures(nowMs: number): RollingBookQuality {
    return rollingBookQuality(this.samples, nowMs, this.windowMs);
  }
}

function known(values: readonly (Decimal | null)[]): Decimal[] {
  return values.filter((v): v is Decimal => v !== null);
}

function mean(values: readonly Decimal[]): Decimal | null {
  return values.length === 0 ? null : Dec.sum(...values).div(values.length);
}

function rms(values: readonly Decimal[]): Decimal | null {
  return mean(values.map((v) => v.mul(v)))?.sqrt() ?? null;
}

function timeWeighted(held: readonly Held[], value: (s: QualitySample) => Decimal | null): Decimal | null {
  const weighted = held.flatMap(({ sample, ms }) => {
    const v = value(sample);
    return v === null || ms === 0 ? [] : [{ v, ms }];
  });
  const total = weighted.reduce((sum, w) => sum + w.ms, 0);
  return total === 0 ? null : Dec.sum(...weighted.map((w) => w.v.mul(w.ms))).div(total);
}

function uptimePct(held: readonly Held[], rule: keyof TwoSidedUptime): Decimal | null {
  return timeWeighted(held, (s) => (s.uptime === null ? null : new Dec(s.uptime[rule] ? 100 : 0)));
}

function bandsOf(samples: readonly QualitySample[]): number[] {
  return [...new Set(samples.flatMap((s) => s.quality.depth.map((b) => b.bandBps)))].sort((a, b) => a - b);
}

function bandOf(sample: QualitySample, bandBps: number): BookQuality['depth'][number] | undefined {
  return sample.quality.depth.find((b) => b.bandBps === bandBps);
}

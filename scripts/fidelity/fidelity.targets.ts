import type Decimal from 'decimal.js';
import { Dec, QUALITY_BANDS_BPS } from '@mirrorbook/market';
import type { FidelitySummary } from './fidelity.runner';

/**
 * The fidelity targets (issue 20), checked on a run's figures. Every figure is one the summary
 * already holds, taken with libs/market (`rollingBookQuality` over `qualitySample`s at the
 * market's OLP rule and depthScale): nothing is measured again here.
 */
export const FIDELITY_TARGETS = {
  /** a replay of at least this many candles */
  minCandles: 150,
  /** RMS of |testnet mid − mainnet mid| ÷ mainnet mid, bps, at most */
  trackingErrorRmsBps: 5,
  /** time-weighted spread within ± this share of mainnet's (a spread ratio in 1 ± it) */
  spreadTolerance: 0.3,
  /** cumulative depth per side within ± this share of mainnet × depthScale */
  depthTolerance: 0.3,
  /** the depth target holds at every band of libs/market's QUALITY_BANDS_BPS from this one out */
  depthFromBandBps: 25,
  /** two-sided uptime at the market's OLP rule, % of the run's time, at least */
  uptimeAggregatePct: 99,
  uptimePerOrderPct: 95,
} as const;

/** One target against a run: the figure now, the previous report's, and whether it is met. */
export interface TargetCheck {
  target: string;
  now: string;
  previous: string;
  /** pass / miss; n/a when the run has no such figure (a report written before it was measured) */
  verdict: 'pass' | 'miss' | 'n/a';
}

/** The figures a target reads: the replay's length and a market's summary. */
export interface TargetInput {
  candles: number;
  summary: FidelitySummary;
}

interface Measure {
  text: string;
  ok: boolean | null;
}

interface Target {
  label: string;
  measure: (input: TargetInput) => Measure;
}

const UNKNOWN: Measure = { text: '—', ok: null };
const num = (value: string | null | undefined) => (value === null || value === undefined ? null : new Dec(value));
const within = (value: Decimal | null, tolerance: number) => value !== null && value.gte(1 - tolerance) && value.lte(1 + tolerance);

function targets(input: TargetInput): Target[] {
  const t = FIDELITY_TARGETS;
  const q = input.summary.quality;
  const rule = q ? `≥ ${q.rule.minDepth} within ${q.rule.maxSpreadBps} bps` : "the market's OLP rule";
  const measured = q ? q.depthRatio.map((b) => b.bandBps) : QUALITY_BANDS_BPS;
  const bands = measured.filter((bandBps) => bandBps >= t.depthFromBandBps);
  const depthScale = q?.depthScale ?? '1';
  return [
    {
      label: `replay ≥ ${t.minCandles} candles`,
      measure: ({ candles }) => ({ text: String(candles), ok: candles >= t.minCandles }),
    },
    {
      label: `tracking error RMS ≤ ${t.trackingErrorRmsBps} bps`,
      measure: ({ summary }) => {
        const rms = summary.trackingError.rmsBps;
        return Number.isFinite(rms) ? { text: `${rms.toFixed(2)} bps`, ok: rms <= t.trackingErrorRmsBps } : UNKNOWN;
      },
    },
    {
      label: `spread ratio (testnet ÷ mainnet, time-weighted) within 1 ± ${t.spreadTolerance}`,
      measure: ({ summary }) => {
        const ratio = num(summary.quality?.spreadRatio);
        return ratio === null ? UNKNOWN : { text: ratio.toFixed(3), ok: within(ratio, t.spreadTolerance) };
      },
    },
    ...bands.map((bandBps): Target => ({
      label: `depth within ${bandBps} bps ÷ (mainnet × depthScale ${depthScale}) within 1 ± ${t.depthTolerance}, bid / ask`,
      measure: ({ summary }) => {
        const band = summary.quality?.depthRatio.find((b) => b.bandBps === bandBps);
        if (!band) return UNKNOWN;
        const [bids, asks] = [num(band.bids), num(band.asks)];
        const side = (d: Decimal | null) => (d === null ? '—' : d.toFixed(3));
        return { text: `${side(bids)} / ${side(asks)}`, ok: bids === null || asks === null ? false : within(bids, t.depthTolerance) && within(asks, t.depthTolerance) };
      },
    })),
    {
      label: `two-sided uptime, aggregate rule (${rule}) ≥ ${t.uptimeAggregatePct} %`,
      measure: ({ summary }) => uptime(summary.quality?.uptimePct.aggregate, t.uptimeAggregatePct),
    },
    {
      label: `two-sided uptime, per-order rule (${rule}) ≥ ${t.uptimePerOrderPct} %`,
      measure: ({ summary }) => uptime(summary.quality?.uptimePct.perOrder, t.uptimePerOrderPct),
    },
  ];
}

function uptime(pct: string | null | undefined, atLeast: number): Measure {
  const value = num(pct);
  return value === null ? UNKNOWN : { text: `${value.toFixed(1)} %`, ok: value.gte(atLeast) };
}

/**
 * Each target with the run's figure, the previous report's beside it ("n/a" without one) and
 * pass / miss. The depth bands are those the run measured (libs/market `QUALITY_BANDS_BPS` for a
 * report that measured none) from `depthFromBandBps` out.
 */
export function targetChecks(now: TargetInput, previous?: TargetInput): TargetCheck[] {
  return targets(now).map((target) => {
    const m = target.measure(now);
    return {
      target: target.label,
      now: m.text,
      previous: previous ? target.measure(previous).text : 'n/a',
      verdict: m.ok === null ? 'n/a' : m.ok ? 'pass' : 'miss',
    };
  });
}

/** Columns of the target table. */
export const TARGET_HEADER = ['target', 'now', 'previous', 'verdict'];

/** The target table's rows. */
export function targetRows(checks: readonly TargetCheck[]): string[][] {
  return checks.map((c) => [c.target, c.now, c.previous, c.verdict]);
}

/** One line: how many targets were met, and which were missed. */
export function targetVerdict(checks: readonly TargetCheck[]): string {
  const missed = checks.filter((c) => c.verdict === 'miss');
  const unknown = checks.filter((c) => c.verdict === 'n/a');
  const met = checks.length - missed.length - unknown.length;
  return `targets: ${met} of ${checks.length} met${missed.length ? `; missed: ${missed.map((c) => c.target).join('; ')}` : ''}${unknown.length ? `; not measured: ${unknown.length}` : ''}`;
}

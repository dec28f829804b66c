/**
 * The seed's numbers (docs/architecture.md#seed-numbers) that mirrorbook is measured against, and how to compare.
 * A range is [low, high]; `better` says which direction is an improvement.
 */
export interface SeedFigure {
  text: string;
  low: number;
  high: number;
  better: 'lower' | 'higher';
}

export const SEED = {
  /** one trading cycle every 15 s: a mainnet move waits for the next cycle (up to 15 s) */
  cycleMs: { text: '15 s cycle', low: 15_000, high: 15_000, better: 'lower' },
  /** price convergence in 2–3 cycles */
  convergenceS: { text: '30–45 s (2–3 cycles)', low: 30, high: 45, better: 'lower' },
  /** book build in 1–2 cycles */
  buildS: { text: '15–30 s (1–2 cycles)', low: 15, high: 30, better: 'lower' },
  /** order success rate */
  successPct: { text: '95–98 %', low: 95, high: 98, better: 'higher' },
  /** sequence errors below 1 % of txs = below 100 per 10 000 */
  sequenceErrorsPer10k: { text: '< 1 % (< 100 per 10 000)', low: 100, high: 100, better: 'lower' },
  /** RAM per bot */
  rssPerBotMB: { text: '50–100 MB per bot', low: 50, high: 100, better: 'lower' },
} as const satisfies Record<string, SeedFigure>;

/**
 * How many times better mirrorbook's `ours` is than the seed's figure (> 1 better, < 1 worse):
 * `×12` or, for a range, `×10–15` (the factor against each end of the range).
 */
export function ratioText(ours: number, seed: SeedFigure): string {
  if (!Number.isFinite(ours)) return '—';
  const factor = (s: number) => (seed.better === 'lower' ? (ours === 0 ? Number.POSITIVE_INFINITY : s / ours) : ours / s);
  const a = factor(seed.low);
  const b = factor(seed.high);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return 'n/a (0 measured)';
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2));
  return fmt(lo) === fmt(hi) ? `×${fmt(lo)}` : `×${fmt(lo)}–${fmt(hi)}`;
}

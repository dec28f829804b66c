import { Counter, Gauge, register } from 'prom-client';
import type { MarketQuality } from '@mirrorbook/contracts';

function gauge(name: string, help: string, labelNames: string[]): Gauge {
  return (register.getSingleMetric(name) as Gauge | undefined) ?? new Gauge({ name, help, labelNames });
}

const trackingRms = () => gauge('mirrorbook_quality_tracking_rms_bps', 'RMS of |testnet mid − mainnet mid| ÷ mainnet mid over the quality window, bps', ['market']);
const spreadRatio = () => gauge('mirrorbook_quality_spread_ratio', 'Testnet spread ÷ mainnet spread over the quality window, time-weighted', ['market']);
const depthRatio = () =>
  gauge('mirrorbook_quality_depth_ratio', 'Mean testnet depth ÷ (mainnet depth × depthScale) within a band of each own mid over the quality window', ['market', 'band_bps', 'side']);
const uptimePct = () => gauge('mirrorbook_quality_uptime_pct', 'Share of the quality window with OLP two-sided uptime, %, by rule (aggregate, per_order)', ['market', 'rule']);
const samples = () => gauge('mirrorbook_quality_samples', 'Book snapshots inside the quality window', ['market']);

/** Writes of `quality:<mk>` to Redis that failed or were skipped (Redis not ready); the NATS publish goes on regardless. */
export const qualityRedisWriteFailures = (): Counter =>
  (register.getSingleMetric('mirrorbook_quality_redis_write_failures_total') as Counter | undefined) ??
  new Counter({ name: 'mirrorbook_quality_redis_write_failures_total', help: 'Writes of the latest book quality (quality:<mk>) to Redis that failed or were skipped', labelNames: [] });

/** Sets a gauge to a decimal string's value, or drops the series while the figure is unknown. */
function setOrRemove(g: Gauge, labels: Record<string, string>, value: string | null): void {
  if (value === null) g.remove(labels);
  else g.set(labels, Number(value));
}

/** The `mirrorbook_quality_*{market}` gauges from one `md.quality.<mk>` payload (numbers for Prometheus only). */
export function recordQualityGauges(quality: MarketQuality): void {
  const { market, figures } = quality;
  setOrRemove(trackingRms(), { market }, figures.trackingErrorRmsBps);
  setOrRemove(spreadRatio(), { market }, figures.spreadRatio);
  for (const band of figures.depth) {
    setOrRemove(depthRatio(), { market, band_bps: String(band.bandBps), side: 'bids' }, band.depthRatio.bids);
    setOrRemove(depthRatio(), { market, band_bps: String(band.bandBps), side: 'asks' }, band.depthRatio.asks);
  }
  setOrRemove(uptimePct(), { market, rule: 'aggregate' }, figures.uptimePct.aggregate);
  setOrRemove(uptimePct(), { market, rule: 'per_order' }, figures.uptimePct.perOrder);
  samples().set({ market }, quality.samples);
}

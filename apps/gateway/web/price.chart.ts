/// <reference lib="dom" />
import type { IChartApi, ISeriesApi, UTCTimestamp } from 'lightweight-charts' with { 'resolution-mode': 'import' };
import type { PriceHistory } from '../src/markets/price-history.view';

type Role = 'reference' | 'trading';
type ChartsModule = typeof import('lightweight-charts', { with: { 'resolution-mode': 'import' } });

/** Line colours: mainnet reference and testnet trading. */
export const SERIES_COLOURS: Record<Role, string> = { reference: '#3b82f6', trading: '#f97316' };

/**
 * Mainnet vs testnet mid as two lines (lightweight-charts, bundled from node_modules). Prices are
 * decimal strings everywhere else; they become numbers here, for drawing only.
 */
export class PriceChart {
  private readonly chart: IChartApi;
  private readonly series: Record<Role, ISeriesApi<'Line'>>;
  private readonly lastTime: Record<Role, number> = { reference: 0, trading: 0 };
  private readonly points: Record<Role, number> = { reference: 0, trading: 0 };

  /** lightweight-charts is ESM-only; a dynamic import keeps this file CommonJS for tsc (esbuild inlines it). */
  static async create(container: HTMLElement): Promise<PriceChart> {
    return new PriceChart(container, await import('lightweight-charts'));
  }

  private constructor(
    private readonly container: HTMLElement,
    { createChart, ColorType, LineSeries }: ChartsModule,
  ) {
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    this.chart = createChart(container, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: 'transparent' }, textColor: dark ? '#cbd5e1' : '#334155', attributionLogo: false },
      grid: { vertLines: { visible: false }, horzLines: { color: dark ? '#1e293b' : '#e2e8f0' } },
      timeScale: { timeVisible: true, secondsVisible: true },
      rightPriceScale: { borderVisible: false },
    });
    this.series = {
      reference: this.chart.addSeries(LineSeries, { color: SERIES_COLOURS.reference, lineWidth: 2, title: 'mainnet' }),
      trading: this.chart.addSeries(LineSeries, { color: SERIES_COLOURS.trading, lineWidth: 2, title: 'testnet' }),
    };
    container.dataset.series = '2';
    this.mark();
  }

  setHistory(history: PriceHistory): void {
    for (const role of ['reference', 'trading'] as const) {
      const byTime = new Map<number, number>();
      for (const point of history[role]) byTime.set(Math.floor(point.t / 1000), Number(point.mid));
      const data = [...byTime].sort((a, b) => a[0] - b[0]).map(([time, value]) => ({ time: time as UTCTimestamp, value }));
      this.series[role].setData(data);
      this.lastTime[role] = data.at(-1)?.time ?? 0;
      this.points[role] = data.length;
    }
    this.chart.timeScale().fitContent();
    this.mark();
  }

  add(role: Role, ts: number, mid: string): void {
    const time = Math.floor(ts / 1000);
    if (time < this.lastTime[role]) return;
    if (time > this.lastTime[role]) this.points[role] += 1;
    this.series[role].update({ time: time as UTCTimestamp, value: Number(mid) });
    this.lastTime[role] = time;
    this.mark();
  }

  /** Point counts as attributes, so tests (and curious people) can see both lines are fed. */
  private mark(): void {
    this.container.dataset.referencePoints = String(this.points.reference);
    this.container.dataset.tradingPoints = String(this.points.trading);
  }
}

/// <reference lib="dom" />
import type { BookSnapshot, MarketQuality, PriceTick, StoredOrder } from '@mirrorbook/contracts';
import type { MarketView } from '../src/markets/market.view';
import type { PriceHistory } from '../src/markets/price-history.view';
import type { ApiClient } from './api.client';
import { renderLadder } from './depth-ladder.view';
import { h, replaceChildren } from './dom';
import { arrow, clock, shortDecimal } from './format';
import { oncePerFrame } from './frame';
import { PriceChart, SERIES_COLOURS } from './price.chart';
import { renderQuality } from './quality.view';

/** The chart's window: one point per second. */
const HISTORY_MS = 15 * 60_000;

/** One market pair: live chart of both mids, the gap, depth bands, feed status, book quality and the depth ladder. */
export class MarketPanel {
  readonly element: HTMLElement;
  private chart: PriceChart | undefined;
  private readonly chartBox: HTMLElement;
  private readonly head: HTMLElement;
  private readonly ladder: HTMLElement;
  private readonly quality: HTMLElement;
  private book: BookSnapshot | undefined;
  private own: StoredOrder[] = [];
  private readonly drawLadder = oncePerFrame(() => renderLadder(this.ladder, this.book, this.own));

  constructor(
    private view: MarketView,
    private readonly api: ApiClient,
  ) {
    const key = view.key;
    const chartBox = h('div', { class: 'chart', 'data-testid': `chart-${key}` });
    this.chartBox = chartBox;
    this.head = h('div', { class: 'market-head' });
    this.ladder = h('div', { class: 'ladder', 'data-testid': `ladder-${key}` });
    this.quality = h('div', { class: 'quality', 'data-testid': `quality-${key}` });
    this.element = h(
      'article',
      { class: 'card market', 'data-testid': `market-${key}` },
      this.head,
      h(
        'div',
        { class: 'legend', 'data-testid': `chart-legend-${key}` },
        h('span', { style: `color:${SERIES_COLOURS.reference}` }, '━ mainnet mid'),
        h('span', { style: `color:${SERIES_COLOURS.trading}` }, '━ testnet mid'),
      ),
      chartBox,
      h('details', { class: 'quality-panel', open: true }, h('summary', {}, 'Book quality vs mainnet'), this.quality),
      h('details', { class: 'ladder-panel', open: true }, h('summary', {}, 'Testnet depth'), this.ladder),
    );
    this.update(view);
    renderLadder(this.ladder, undefined, []);
    void this.startChart();
  }

  private async startChart(): Promise<void> {
    const chart = await PriceChart.create(this.chartBox);
    try {
      const from = Date.now() - HISTORY_MS;
      chart.setHistory(await this.api.get<PriceHistory>(`/api/markets/${this.view.key}/history?from=${from}&points=${HISTORY_MS / 1000}`));
    } catch {
      // the banner says why; live ticks still draw
    }
    this.chart = chart;
  }

  /** Prices, gap and depth as the gateway computed them. */
  update(view: MarketView): void {
    this.view = view;
    const key = view.key;
    renderQuality(this.quality, key, view.quality, view.depthScale);
    const band = (pct: string) => view.depth?.bands.find((b) => b.pct === pct);
    replaceChildren(
      this.head,
      h('header', {}, h('h3', {}, key), h('span', { class: 'badge kind' }, view.type === 'derivative' ? 'perp' : 'spot'), h('span', { class: `badge feed ${view.feed?.state ?? 'unknown'}`, 'data-testid': `feed-${key}` }, `feed ${view.feed?.state ?? 'unknown'}`)),
      h(
        'div',
        { class: 'quotes' },
        h('div', {}, h('small', {}, 'mainnet'), h('b', { 'data-testid': `reference-${key}` }, shortDecimal(view.reference?.mid))),
        h('div', {}, h('small', {}, 'testnet'), h('b', { 'data-testid': `trading-${key}` }, shortDecimal(view.trading?.mid))),
        h('div', { class: `gap ${view.direction ?? ''}` }, h('small', {}, 'gap'), h('b', { 'data-testid': `gap-${key}` }, view.gapPct === null ? '—' : `${arrow(view.direction)} ${shortDecimal(view.gapPct, 4)} %`)),
      ),
      h(
        'p',
        {
          class: 'meta',
          'data-testid': `depth-${key}`,
          title: `testnet depth: quote notional (Σ price × quantity) of the bids / the asks within ±x % of the ${view.depth?.around === 'trading' ? 'testnet' : 'mainnet'} mid, as mirrorbook compare reports it; price levels in brackets`,
        },
        view.depth
          ? ['1', '2', '5']
              .map((pct) => {
                const b = band(pct);
                return `±${pct} %: ${shortDecimal(b?.bidNotional ?? '0', 4)} / ${shortDecimal(b?.askNotional ?? '0', 4)} (${b?.bidLevels ?? 0}/${b?.askLevels ?? 0} lv)`;
              })
              .join(' · ') + ` · book ${clock(view.depth.ts)}`
          : 'no book yet',
      ),
    );
  }

  /** The latest `md.quality.<mk>` figures (live, between market refreshes). */
  setQuality(quality: MarketQuality): void {
    this.view = { ...this.view, quality };
    renderQuality(this.quality, this.view.key, quality, this.view.depthScale);
  }

  /** A live tick: extends its line at once (the gap follows with the next market refresh). */
  tick(tick: PriceTick): void {
    this.chart?.add(tick.role, tick.ts, tick.mid);
    const target = this.head.querySelector<HTMLElement>(`[data-testid="${tick.role}-${tick.market}"]`);
    if (target) target.textContent = shortDecimal(tick.mid);
  }

  setBook(book: BookSnapshot): void {
    this.book = book;
    this.drawLadder();
  }

  setOwnOrders(orders: StoredOrder[]): void {
    this.own = orders;
    this.drawLadder();
  }
}

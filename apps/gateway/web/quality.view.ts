/// <reference lib="dom" />
import type { MarketQuality } from '@mirrorbook/contracts';
import { h, replaceChildren } from './dom';
import { duration, shortDecimal } from './format';

const pct = (value: string | null) => (value === null ? '—' : `${shortDecimal(value, 4)} %`);
const ratio = (value: string | null) => shortDecimal(value, 4);

/**
 * The book-quality panel of a market: the gateway's latest `md.quality.<mk>` figures as they are
 * (computed by libs/market; only shortened here) — tracking RMS, spread ratio, depth ratio per band,
 * two-sided uptime under both OLP rules, the rule and the depthScale of the bot params when set.
 */
export function renderQuality(target: HTMLElement, market: string, quality: MarketQuality | null, depthScale: string | null): void {
  if (!quality) {
    replaceChildren(target, h('p', { class: 'meta', 'data-testid': `quality-none-${market}` }, 'book quality: no figures yet (needs a testnet and a mainnet book)'));
    return;
  }
  const f = quality.figures;
  const id = (what: string) => `quality-${what}-${market}`;
  replaceChildren(
    target,
    h(
      'dl',
      { class: 'quality-figures' },
      h('dt', {}, 'tracking RMS'),
      h('dd', { 'data-testid': id('tracking') }, f.trackingErrorRmsBps === null ? '—' : `${shortDecimal(f.trackingErrorRmsBps, 4)} bps`),
      h('dt', {}, 'spread ratio t/m'),
      h('dd', { 'data-testid': id('spread') }, ratio(f.spreadRatio)),
      h('dt', {}, 'uptime aggregate'),
      h('dd', { 'data-testid': id('uptime-aggregate') }, pct(f.uptimePct.aggregate)),
      h('dt', {}, 'uptime per-order'),
      h('dd', { 'data-testid': id('uptime-per-order') }, pct(f.uptimePct.perOrder)),
    ),
    h(
      'table',
      { class: 'quality-depth', 'data-testid': id('depth') },
      h('thead', {}, h('tr', {}, h('th', {}, 'depth ratio'), ...f.depth.map((b) => h('th', {}, `${b.bandBps} bps`)))),
      h(
        'tbody',
        {},
        h('tr', {}, h('th', {}, 'bids'), ...f.depth.map((b) => h('td', { 'data-testid': `${id('depth')}-${b.bandBps}-bids` }, ratio(b.depthRatio.bids)))),
        h('tr', {}, h('th', {}, 'asks'), ...f.depth.map((b) => h('td', { 'data-testid': `${id('depth')}-${b.bandBps}-asks` }, ratio(b.depthRatio.asks)))),
      ),
    ),
    h(
      'p',
      { class: 'meta', 'data-testid': id('rule') },
      `OLP rule: MaxSpread ${quality.rule.maxSpreadBps} bps · MinDepth ${quality.rule.minDepth}` +
        (depthScale === null ? '' : ` · depthScale ${depthScale}`) +
        ` · ${quality.samples} books over ${duration(quality.windowMs / 1000)}`,
    ),
  );
}

/// <reference lib="dom" />
import type { ServiceView } from '../src/services/service.view';
import { h, replaceChildren } from './dom';
import { duration, marketUnavailable } from './format';
import { oncePerFrame } from './frame';

/** Service health from heartbeats; ages keep counting in the browser between heartbeats. */
export class ServicesTable {
  private readonly services = new Map<string, { view: ServiceView; receivedAt: number }>();
  private staleAfterMs = 15_000;
  /** Asks for a redraw (at most one per frame). */
  readonly render = oncePerFrame(() => this.draw());

  constructor(private readonly body: HTMLElement) {
    setInterval(this.render, 1000);
  }

  replace(views: ServiceView[], staleAfterMs?: number): void {
    if (staleAfterMs) this.staleAfterMs = staleAfterMs;
    this.services.clear();
    for (const view of views) this.set(view);
    this.render();
  }

  set(view: ServiceView): void {
    this.services.set(`${view.app}/${view.instance}`, { view, receivedAt: Date.now() });
  }

  private draw(): void {
    const rows = [...this.services.values()].sort((a, b) => a.view.app.localeCompare(b.view.app) || a.view.instance.localeCompare(b.view.instance));
    replaceChildren(
      this.body,
      rows.length === 0
        ? h('tr', {}, h('td', { colspan: 5, class: 'muted' }, 'no heartbeats yet'))
        : rows.flatMap(({ view, receivedAt }) => {
            const ageMs = view.ageMs + (Date.now() - receivedAt);
            const stale = ageMs > this.staleAfterMs;
            const unavailable = Object.entries(view.unavailableMarkets ?? {}).map(([key, reason]) =>
              h('tr', { class: 'unavailable', 'data-testid': `service-unavailable-${view.app}-${view.instance}-${key}` }, h('td', { colspan: 5 }, marketUnavailable(reason))),
            );
            const row = h(
              'tr',
              { class: stale ? 'stale' : '', 'data-testid': `service-${view.app}-${view.instance}` },
              h('td', {}, view.app),
              h('td', {}, h('code', {}, view.instance), view.wallet ? ` (${view.wallet.id})` : ''),
              h('td', {}, h('span', { class: `badge state ${view.state}` }, stale ? 'stale' : view.state)),
              h('td', {}, `${Math.round(ageMs / 1000)} s ago`),
              h('td', {}, `${duration(view.uptimeS)} · ${Math.round(view.rssBytes / 1048576)} MB`),
            );
            return [row, ...unavailable];
          }),
    );
  }
}

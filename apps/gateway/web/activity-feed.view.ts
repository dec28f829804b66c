/// <reference lib="dom" />
import type { ActivityItem } from '../src/activity/activity-item.view';
import { h, replaceChildren } from './dom';
import { clock, shortDecimal } from './format';
import { oncePerFrame } from './frame';

const KEEP = 100;

/** One line describing an execution report or an order event. */
export function describe(item: ActivityItem): string {
  if (item.kind === 'execution') {
    const r = item.data;
    const parts = [`${r.wallet} ${r.outcome}`, `+${r.createdOrderHashes.length} −${r.cancelledOrderHashes.length}`];
    if (r.failed.length) parts.push(`${r.failed.length} failed`);
    if (r.latency.toInclusionMs !== null) parts.push(`${Math.round(r.latency.toInclusionMs)} ms`);
    if (r.error) parts.push(r.error);
    return parts.join(' · ');
  }
  const o = item.data;
  return `${o.wallet} ${o.market} ${o.kind} ${o.side} ${shortDecimal(o.quantity)} @ ${shortDecimal(o.price, 8)}${o.reason ? ` · ${o.reason}` : ''}`;
}

/** A list of activity items, newest first. */
export function renderActivityList(element: HTMLElement, items: ActivityItem[]): void {
  replaceChildren(
    element,
    items.length === 0
      ? h('li', { class: 'muted' }, 'nothing yet')
      : items.map((item) =>
          h('li', { class: `activity ${item.level}`, 'data-testid': 'activity-item', 'data-id': item.id }, h('time', {}, clock(item.ts)), h('span', { class: `badge ${item.kind}` }, item.kind), describe(item)),
        ),
  );
}

/** The live feed of executions and order events (WS topic `activity`). */
export class ActivityFeed {
  private items: ActivityItem[] = [];
  private readonly draw = oncePerFrame(() => renderActivityList(this.list, this.items));

  constructor(private readonly list: HTMLElement) {
    renderActivityList(list, []);
  }

  replace(items: ActivityItem[]): void {
    this.items = items.slice(0, KEEP);
    this.draw();
  }

  add(item: ActivityItem): void {
    if (this.items.some((i) => i.id === item.id)) return;
    this.items = [item, ...this.items].sort((a, b) => b.id - a.id).slice(0, KEEP);
    this.draw();
  }
}

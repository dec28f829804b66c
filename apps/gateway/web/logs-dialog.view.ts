/// <reference lib="dom" />
import type { ActivityPage } from '../src/activity/activity-item.view';
import { ApiError, type ApiClient } from './api.client';
import { renderActivityList } from './activity-feed.view';
import { h, replaceChildren } from './dom';

/** A bot's recent execution reports and rejected orders, in a dialog. */
export class LogsDialog {
  readonly element: HTMLDialogElement;
  private readonly title: HTMLElement;
  private readonly list: HTMLElement;

  constructor(private readonly api: ApiClient) {
    this.title = h('h2', {});
    this.list = h('ul', { class: 'feed', 'data-testid': 'logs-list' });
    this.element = h(
      'dialog',
      { 'data-testid': 'logs-dialog' },
      h('header', {}, this.title, h('button', { type: 'button', class: 'secondary', 'data-testid': 'logs-close', onclick: () => this.element.close() }, 'Close')),
      this.list,
    );
  }

  async show(botId: string): Promise<void> {
    this.title.textContent = `${botId}: recent reports and errors`;
    replaceChildren(this.list, h('li', { class: 'muted' }, 'loading…'));
    this.element.showModal();
    try {
      renderActivityList(this.list, (await this.api.get<ActivityPage>(`/api/bots/${botId}/logs?limit=100`)).items);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      replaceChildren(this.list, h('li', { class: 'error' }, error.message));
    }
  }
}

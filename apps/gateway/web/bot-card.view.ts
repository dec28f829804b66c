/// <reference lib="dom" />
import type { BotView } from '../src/bots/bot.view';
import { ApiError, type ApiClient } from './api.client';
import { h, replaceChildren } from './dom';
import { arrow, duration, feeState, marketUnavailable, shortAddress, shortDecimal } from './format';
import { ParamsForm } from './params-form.view';

/** The market's depthScale in force (docs/architecture.md#depth-curve), or a dash. */
function depthScaleOf(bot: BotView, market: string): string {
  const scale = bot.effectiveParams[market]?.depthScale;
  return typeof scale === 'string' ? scale : '—';
}

/** What a bot card asks the page to do. */
export interface BotCardActions {
  showLogs(botId: string): void;
  changed(bot: BotView): void;
}

/** One bot: wallet, markets with both prices, state, uptime, balances, Start/Pause/Stop, logs, parameters. */
export class BotCard {
  readonly element: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly message: HTMLElement;
  private readonly params: ParamsForm;
  private readonly buttons: HTMLButtonElement[];

  constructor(
    private bot: BotView,
    private readonly api: ApiClient,
    private readonly actions: BotCardActions,
  ) {
    const id = bot.id;
    this.summary = h('div', { class: 'bot-summary' });
    this.message = h('p', { class: 'card-message', 'data-testid': `bot-message-${id}`, role: 'status' });
    this.params = new ParamsForm(id, api, (updated) => actions.changed(updated));
    this.buttons = (['start', 'pause', 'stop'] as const).map((action) =>
      h('button', { type: 'button', class: `action ${action}`, 'data-testid': `bot-${action}-${id}`, onclick: () => void this.control(action) }, action[0].toUpperCase() + action.slice(1)),
    );
    this.element = h(
      'article',
      { class: 'card bot', 'data-testid': `bot-card-${id}` },
      this.summary,
      h('div', { class: 'actions' }, this.buttons, h('button', { type: 'button', class: 'secondary', 'data-testid': `bot-logs-${id}`, onclick: () => actions.showLogs(id) }, 'View logs')),
      this.message,
      h('details', { class: 'params-panel' }, h('summary', { 'data-testid': `bot-params-toggle-${id}` }, 'Parameters'), this.params.element),
    );
    this.update(bot);
  }

  update(bot: BotView): void {
    this.bot = bot;
    const id = bot.id;
    this.element.dataset.state = bot.desired;
    for (const button of this.buttons) button.disabled = button.classList.contains({ running: 'start', paused: 'pause', stopped: 'stop' }[bot.desired]);
    const executor = bot.executor;
    const budget = bot.fees.record?.budget;
    replaceChildren(
      this.summary,
      h(
        'header',
        {},
        h('h3', {}, id),
        h('span', { class: 'badge kind' }, bot.kind),
        h('span', { class: `badge state ${bot.desired}`, 'data-testid': `bot-state-${id}` }, bot.source === 'none' ? `${bot.desired} (no record)` : bot.desired),
        budget?.state === 'paused' ? h('span', { class: 'badge state paused', 'data-testid': `bot-fee-paused-${id}`, title: budget.reason ?? '' }, 'fee budget paused') : null,
      ),
      budget?.state === 'paused'
        ? h('p', { class: 'fee-paused', 'data-testid': `bot-fee-paused-reason-${id}`, role: 'status' }, `fee budget paused${budget.reason ? `: ${budget.reason}` : ''}`)
        : null,
      h('p', { class: 'wallet' }, `${bot.wallet.label || bot.wallet.id} (${bot.wallet.id}) · `, h('code', { title: bot.wallet.address ?? '' }, shortAddress(bot.wallet.address))),
      h(
        'p',
        { class: 'meta', 'data-testid': `bot-executor-${id}` },
        executor
          ? `executor ${executor.state}${executor.stale ? ' (stale)' : ''} · up ${duration(executor.uptimeS)}`
          : 'no executor heard',
        { config: ' · state from config', none: ' · no bot record and no bootstrap: stopped until started or bootstrapped', redis: ` · set by ${bot.by}` }[bot.source],
      ),
      h(
        'table',
        { class: 'prices' },
        h('thead', {}, h('tr', {}, h('th', {}, 'market'), h('th', {}, 'testnet'), h('th', {}, 'mainnet'), h('th', {}, 'gap'), h('th', { title: 'depthScale: the share of mainnet depth the bot quotes' }, 'depth ×'))),
        h(
          'tbody',
          {},
          bot.markets.flatMap((m) => [
            h(
              'tr',
              { 'data-testid': `bot-price-${id}-${m.key}` },
              h('td', {}, m.key, h('small', {}, m.type === 'derivative' ? ' perp' : ' spot')),
              h('td', {}, shortDecimal(m.trading)),
              h('td', {}, shortDecimal(m.reference)),
              h('td', { class: `gap ${m.direction ?? ''}` }, `${arrow(m.direction)} ${m.gapPct === null ? '—' : `${shortDecimal(m.gapPct, 4)} %`}`),
              h('td', { 'data-testid': `bot-depth-scale-${id}-${m.key}` }, depthScaleOf(bot, m.key)),
            ),
            m.unavailable === null ? null : h('tr', { class: 'unavailable', 'data-testid': `bot-unavailable-${id}-${m.key}` }, h('td', { colspan: 5 }, marketUnavailable(m.unavailable))),
          ]),
        ),
      ),
      h(
        'ul',
        { class: 'balances', 'data-testid': `bot-balances-${id}` },
        bot.balances
          ? Object.values(bot.balances.balances).map((b) => h('li', {}, h('b', {}, b.symbol), ` ${shortDecimal(b.available)} / ${shortDecimal(b.total)}`))
          : h('li', { class: 'muted' }, 'no balances reported yet'),
      ),
      h('p', { class: 'fees', 'data-testid': `bot-fees-${id}`, 'data-fee-state': feeState(bot.fees) }, 'fees: ', bot.fees.summary),
    );
    this.params.update(bot);
  }

  private async control(action: 'start' | 'pause' | 'stop'): Promise<void> {
    this.message.textContent = `${action}…`;
    this.message.dataset.kind = '';
    try {
      const bot = await this.api.post<BotView>(`/api/bots/${this.bot.id}/${action}`);
      this.message.textContent = `${action}: desired state is now ${bot.desired}`;
      this.actions.changed(bot);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.message.dataset.kind = 'error';
      this.message.textContent = error.status === 401 ? `auth error: ${error.message}` : `${action} failed: ${error.message}`;
    }
  }
}

/// <reference lib="dom" />
import type { BotView } from '../src/bots/bot.view';
import { ApiError, type ApiClient } from './api.client';
import { h, replaceChildren } from './dom';

type Scalar = string | number;
const DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;

/** Every scalar of the parameters by dotted path (arrays such as tiers stay out of the form). */
function flatten(value: Record<string, unknown>, prefix = ''): [string, Scalar][] {
  return Object.entries(value).flatMap(([key, v]): [string, Scalar][] => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof v === 'string' || typeof v === 'number') return [[path, v]];
    if (v && typeof v === 'object' && !Array.isArray(v)) return flatten(v as Record<string, unknown>, path);
    return [];
  });
}

function nest(entries: [string, Scalar][]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, value] of entries) {
    const keys = path.split('.');
    let node = root;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]] = value;
  }
  return root;
}

const testId = (botId: string, path: string) => `${botId}-${path.replace(/\./g, '-')}`;

/**
 * The bot's parameters in force (for its first market) as a form; Save sends only the changed
 * fields as a merge patch. Checks the obvious locally; the gateway's 400 field errors are shown
 * under the fields they name.
 */
export class ParamsForm {
  readonly element: HTMLFormElement;
  private initial = new Map<string, Scalar>();
  private readonly inputs = new Map<string, HTMLInputElement>();
  private readonly errors = new Map<string, HTMLElement>();
  private readonly message: HTMLElement;
  private readonly fields: HTMLElement;

  constructor(
    private readonly botId: string,
    private readonly api: ApiClient,
    private readonly onSaved: (bot: BotView) => void,
  ) {
    this.message = h('p', { class: 'form-message', 'data-testid': `bot-params-message-${botId}`, role: 'status' });
    this.fields = h('div', { class: 'param-fields' });
    this.element = h(
      'form',
      { class: 'params', 'data-testid': `bot-params-${botId}`, novalidate: true, onsubmit: (e: Event) => (e.preventDefault(), void this.save()) },
      this.fields,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', 'data-testid': `bot-params-save-${botId}` }, 'Save parameters'), this.message),
    );
  }

  /** Shows the bot's current parameters unless the user is editing. */
  update(bot: BotView): void {
    if (this.dirty()) return;
    const market = bot.markets[0]?.key;
    const effective = market ? (bot.effectiveParams[market] as Record<string, unknown> | undefined) : undefined;
    this.initial = new Map(flatten(effective ?? {}));
    this.inputs.clear();
    this.errors.clear();
    const note = h('p', { class: 'hint' }, `Values in force on ${market ?? '—'}; a change applies live to all of this bot's markets.`);
    const rows = [...this.initial].map(([path, value]) => {
      const input = h('input', { name: path, value: String(value), inputmode: typeof value === 'number' ? 'numeric' : 'decimal', 'data-testid': `param-${testId(this.botId, path)}`, 'data-kind': typeof value });
      const error = h('span', { class: 'field-error', 'data-testid': `param-error-${testId(this.botId, path)}` });
      this.inputs.set(path, input);
      this.errors.set(path, error);
      return h('label', { class: 'param' }, h('span', { class: 'param-name' }, path), input, error);
    });
    replaceChildren(this.fields, note, rows);
  }

  private dirty(): boolean {
    return [...this.inputs].some(([path, input]) => input.value !== String(this.initial.get(path)));
  }

  private async save(): Promise<void> {
    for (const error of this.errors.values()) error.textContent = '';
    this.message.textContent = '';
    const changed: [string, Scalar][] = [];
    let valid = true;
    for (const [path, input] of this.inputs) {
      if (input.value === String(this.initial.get(path))) continue;
      const numeric = input.dataset.kind === 'number';
      if (numeric ? !/^-?\d+$/.test(input.value) : !DECIMAL.test(input.value)) {
        this.errors.get(path)!.textContent = numeric ? 'must be a whole number' : 'must be a decimal such as 12.5';
        valid = false;
      }
      changed.push([path, numeric ? Number(input.value) : input.value]);
    }
    if (!valid) return;
    if (changed.length === 0) {
      this.message.textContent = 'Nothing changed.';
      return;
    }
    try {
      const bot = await this.api.patch<BotView>(`/api/bots/${this.botId}/params`, nest(changed));
      this.message.textContent = `Saved ${changed.length} change(s); applied live.`;
      for (const [path, value] of changed) this.initial.set(path, value);
      this.onSaved(bot);
    } catch (error) {
      this.showError(error);
    }
  }

  private showError(error: unknown): void {
    if (!(error instanceof ApiError)) throw error;
    this.message.textContent = error.message;
    for (const [path, messages] of Object.entries(error.fieldErrors)) {
      // a range error names the range (`maintenance.perSide`): show it under its first field
      const target = this.errors.get(path) ?? [...this.errors].find(([p]) => p.startsWith(`${path}.`))?.[1];
      if (target) target.textContent = messages.join('; ');
      else this.message.textContent += ` ${path}: ${messages.join('; ')}`;
    }
  }
}

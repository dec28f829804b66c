import type { BatchIntent } from '@mirrorbook/contracts';
import type { BotEntry } from '@mirrorbook/config';
import type { CyclePlan } from '@mirrorbook/strategy-core';

/** What one intent is made of. */
export interface IntentParts {
  readonly bot: Pick<BotEntry, 'id' | 'wallet'>;
  readonly marketKey: string;
  readonly plan: Pick<CyclePlan, 'phase' | 'actions' | 'basedOn'>;
  /** unique per wallet; the stem of the plan's client order ids */
  readonly id: string;
  /** the planning instant, ms since epoch */
  readonly nowMs: number;
  /** `params.intentTtlMs`: how long the executor may still act on it, ms */
  readonly ttlMs: number;
}

/** The `intent.<wallet>` payload for one market's plan (pure; the plan must not be empty). */
export function buildIntent(parts: IntentParts): BatchIntent {
  const { plan } = parts;
  return {
    v: 1,
    id: parts.id,
    wallet: parts.bot.wallet,
    bot: parts.bot.id,
    plans: [{ market: parts.marketKey, phase: plan.phase, basedOn: { ...plan.basedOn }, actions: plan.actions }],
    ts: parts.nowMs,
    deadline: parts.nowMs + parts.ttlMs,
  };
}

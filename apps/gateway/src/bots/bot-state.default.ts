import type { BotState } from '@mirrorbook/contracts';
import type { BotEntry } from '@mirrorbook/config';

/**
 * A bot's state: what `bot:<id>` holds, or — when that key is missing — the config default:
 * `enabled` → running, else stopped, with no live parameter overrides. The strategy and the
 * executor must apply the same rule (to move to a lib).
 */
export function resolveBotState(bot: Pick<BotEntry, 'id' | 'enabled'>, stored: BotState | undefined): BotState {
  if (stored) return stored;
  return { v: 1, bot: bot.id, desired: bot.enabled ? 'running' : 'stopped', params: {}, by: 'config', updatedAt: 0 };
}

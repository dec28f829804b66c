import { botStateSchema, type BotState } from '@mirrorbook/contracts';
import type { BotEntry } from './bots-file.schema';

type BotIdentity = Pick<BotEntry, 'id' | 'enabled'>;

/**
 * A bot's desired state when Redis holds none: `enabled` bots run, the others stay stopped. Every
 * service (gateway, strategy, executor) resolves a missing `bot:<id>` with this one rule.
 */
export function defaultBotState(bot: BotIdentity): BotState {
  return { v: 1, bot: bot.id, desired: bot.enabled ? 'running' : 'stopped', params: {}, by: 'config', updatedAt: 0 };
}

/**
 * The bot's state from what `bot:<id>` holds (raw JSON or already parsed), or the config default
 * when nothing is stored. A record that is unreadable or names another bot resolves to stopped:
 * a corrupt value must never start a bot.
 */
export function resolveBotState(bot: BotIdentity, stored: BotState | string | null | undefined): BotState {
  if (stored === null || stored === undefined) return defaultBotState(bot);
  const parsed = typeof stored === 'string' ? parseStored(stored) : stored;
  if (parsed && parsed.bot === bot.id) return parsed;
  return { ...defaultBotState(bot), desired: 'stopped', by: 'unreadable-record' };
}

function parseStored(raw: string): BotState | undefined {
  try {
    const result = botStateSchema.safeParse(JSON.parse(raw));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

import { botStateSchema, type BotState } from '@mirrorbook/contracts';
import type { BotEntry } from './bots-file.schema';

/**
 * A bot's desired state when Redis holds none: `enabled` bots run, the others stay stopped. Every
 * service (gateway, strategy, executor) resolves a missing `bot:<id>` with this one rule.
 */
export function defaultBotState(bot: BotEntry, nowMs = 0): BotState {
  return { v: 1, bot: bot.id, desired: bot.enabled ? 'running' : 'stopped', params: {}, by: 'config', updatedAt: nowMs };
}

/**
 * The bot's state from the stored `bot:<id>` JSON, or the config default when it is missing or
 * unreadable (a corrupt value must not start a stopped bot: unreadable → stopped).
 */
export function resolveBotState(bot: BotEntry, stored: string | null): BotState {
  if (stored === null) return defaultBotState(bot);
  try {
    const parsed = botStateSchema.safeParse(JSON.parse(stored));
    if (parsed.success && parsed.data.bot === bot.id) return parsed.data;
  } catch {
    // fall through: unreadable JSON is treated like an invalid record
  }
  return { ...defaultBotState(bot), desired: 'stopped', by: 'unreadable-record' };
}

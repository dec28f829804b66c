import { botsBootstrapSchema, botStateSchema, type BotState } from '@mirrorbook/contracts';
import type { BotEntry } from './bots-file.schema';

type BotIdentity = Pick<BotEntry, 'id' | 'enabled'>;

/** `by` of a state resolved without a `bot:<id>` record and without the bootstrap marker. */
export const NO_RECORD = 'no-record';
/** `by` of a state resolved from a record that fails its schema or names another bot. */
export const UNREADABLE_RECORD = 'unreadable-record';

/**
 * A bot's desired state from the config alone: `enabled` bots run, the others stay stopped. Used
 * for a missing `bot:<id>` only once `bots:bootstrap` says the defaults were applied on purpose.
 */
export function defaultBotState(bot: BotIdentity): BotState {
  return { v: 1, bot: bot.id, desired: bot.enabled ? 'running' : 'stopped', params: {}, by: 'config', updatedAt: 0 };
}

/**
 * Whether `bots:bootstrap` (raw JSON or null) holds a valid marker: the config defaults were
 * applied by an explicit step. An unreadable marker counts as none.
 */
export function botsBootstrapped(raw: string | null | undefined): boolean {
  if (raw === null || raw === undefined) return false;
  try {
    return botsBootstrapSchema.safeParse(JSON.parse(raw)).success;
  } catch {
    return false;
  }
}

/**
 * The bot's state from what `bot:<id>` holds (raw JSON or already parsed), the one rule of every
 * service (gateway, strategy, executor). Fails closed: with no record the bot is stopped
 * (`by: no-record`) unless `bootstrapped` (then the config default); a record that is unreadable or
 * names another bot resolves to stopped. A Redis that lost its data must never start a bot.
 */
export function resolveBotState(bot: BotIdentity, stored: BotState | string | null | undefined, bootstrapped: boolean): BotState {
  if (stored === null || stored === undefined) return bootstrapped ? defaultBotState(bot) : { ...defaultBotState(bot), desired: 'stopped', by: NO_RECORD };
  const parsed = typeof stored === 'string' ? parseStored(stored) : stored;
  if (parsed && parsed.bot === bot.id) return parsed;
  return { ...defaultBotState(bot), desired: 'stopped', by: UNREADABLE_RECORD };
}

/** Whether a resolved state is "stopped" for want of a record (shown as "stopped (no record)"). */
export function stoppedForNoRecord(state: BotState): boolean {
  return state.by === NO_RECORD;
}

function parseStored(raw: string): BotState | undefined {
  try {
    const result = botStateSchema.safeParse(JSON.parse(raw));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

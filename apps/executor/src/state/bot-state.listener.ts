import type { BotEntry } from '@mirrorbook/config';

/** Who hears about the operator's changes to the wallet's bots (the engine). */
export interface BotStateListener {
  /** The bot was switched to stopped on `bot.state.<id>` (not called for states read at load). */
  botStopped(bot: BotEntry): void;
}

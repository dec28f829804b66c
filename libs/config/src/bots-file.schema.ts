import { z } from 'zod';
import { botId, marketKey, strategyParamsOverrideSchema, walletId } from '@mirrorbook/contracts';

/** A wallet the system may trade with. Its key lives only in its executor's environment. */
export const walletEntrySchema = z
  .object({
    id: walletId,
    /** shown on the dashboard */
    label: z.string().default(''),
  })
  .strict();

/** A bot: one wallet quoting on a list of markets (the seed's single-wallet bot). */
export const botEntrySchema = z
  .object({
    id: botId,
    wallet: walletId,
    markets: z.array(marketKey).min(1, 'a bot needs at least one market'),
    /** strategy parameter overrides for this bot (on top of the market's) */
    params: strategyParamsOverrideSchema.default({}),
    /** when false the bot is seeded as stopped */
    enabled: z.boolean().default(true),
  })
  .strict();

/** `config/bots.json` */
export const botsFileSchema = z
  .object({
    wallets: z.array(walletEntrySchema).min(1, 'at least one wallet is required'),
    bots: z.array(botEntrySchema),
  })
  .strict();

export type WalletEntry = z.infer<typeof walletEntrySchema>;
export type BotEntry = z.infer<typeof botEntrySchema>;

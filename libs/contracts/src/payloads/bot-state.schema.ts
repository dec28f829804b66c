import { z } from 'zod';
import { botId, epochMs } from '../primitives';

export const botRunState = z.enum(['running', 'paused', 'stopped']);

/** Desired state of a bot and who changed it (`bot.state.<botId>`). */
export const botStateSchema = z
  .object({
    v: z.literal(1),
    bot: botId,
    /** what the operator wants */
    desired: botRunState,
    /** strategy parameter overrides in force (see config/strategy.json for names and units) */
    params: z.record(z.string(), z.unknown()),
    /** who changed it: `config`, `gateway`, `cli`, … */
    by: z.string().min(1),
    updatedAt: epochMs,
  })
  .strict();

export type BotRunState = z.infer<typeof botRunState>;
export type BotState = z.infer<typeof botStateSchema>;

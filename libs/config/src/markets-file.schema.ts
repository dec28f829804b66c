import { z } from 'zod';
import { hex32, marketKey, strategyParamsOverrideSchema } from '@mirrorbook/contracts';

/** One mirrored pair: the mainnet market the bots follow and the testnet market they quote on. */
export const marketPairSchema = z
  .object({
    key: marketKey,
    type: z.enum(['spot', 'derivative']),
    mainnetMarketId: hex32,
    testnetMarketId: hex32,
    /** how the reference price is derived from the mainnet market */
    referencePrice: z.enum(['mid', 'last', 'mark']).default('mid'),
    /** strategy parameter overrides for every bot on this pair */
    strategy: strategyParamsOverrideSchema.default({}),
    enabled: z.boolean().default(true),
  })
  .strict();

/** `config/markets.json` */
export const marketsFileSchema = z
  .object({ markets: z.array(marketPairSchema).min(1, 'at least one market pair is required') })
  .strict();

export type MarketPair = z.infer<typeof marketPairSchema>;

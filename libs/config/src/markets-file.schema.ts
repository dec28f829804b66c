import { z } from 'zod';
import { hex32, marketKey, positiveDecimalString, strategyParamsOverrideSchema } from '@mirrorbook/contracts';

/**
 * The executor's own caps on one market (docs/architecture.md#pre-trade-checks); each one unset
 * falls back to its EXEC_* default. No intent or live edit changes them.
 */
export const executorLimitsSchema = z
  .object({
    /** largest quantity of one order, base units (default EXEC_MAX_ORDER_SIZE_MULTIPLE × configured baseSize) */
    maxOrderQuantity: positiveDecimalString.optional(),
    /** largest notional of one order, quote units (default EXEC_MAX_ORDER_NOTIONAL) */
    maxOrderNotional: positiveDecimalString.optional(),
    /** largest notional of taking orders per EXEC_LIMIT_WINDOW_MS, quote units (default EXEC_MAX_TAKER_NOTIONAL) */
    maxTakerNotional: positiveDecimalString.optional(),
    /** largest |buys − sells| notional of taking orders per EXEC_LIMIT_WINDOW_MS, quote units (default EXEC_MAX_NET_TAKER_NOTIONAL) */
    maxNetTakerNotional: positiveDecimalString.optional(),
    /**
     * derivatives: largest |net position| the wallet could reach on this market if every resting
     * order of a side filled, base units (default: the strategy `maxNetPosition` of the config files)
     */
    maxNetPosition: positiveDecimalString.optional(),
  })
  .strict();

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
    executorLimits: executorLimitsSchema.optional(),
    enabled: z.boolean().default(true),
  })
  .strict();

/** `config/markets.json` */
export const marketsFileSchema = z
  .object({ markets: z.array(marketPairSchema).min(1, 'at least one market pair is required') })
  .strict();

export type MarketPair = z.infer<typeof marketPairSchema>;
export type ExecutorMarketLimits = z.infer<typeof executorLimitsSchema>;

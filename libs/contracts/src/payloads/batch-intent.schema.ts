import { z } from 'zod';
import { botId, epochMs, hex32, marketKey, positiveDecimalString, sequenceNumber, side, walletId } from '../primitives';

export const strategyPhase = z.enum(['MARKET_MOVING', 'BOOK_BUILDING', 'MAINTENANCE', 'REPRICING']);

/** Place one limit order. */
export const createOrderActionSchema = z
  .object({
    type: z.literal('create'),
    side,
    /** quote units per base unit, on the market's price tick */
    price: positiveDecimalString,
    /** base units (contracts for derivatives), on the market's quantity tick */
    quantity: positiveDecimalString,
    /** maker-only: the chain rejects it if it would cross */
    postOnly: z.boolean(),
    /** derivatives: only reduces the position */
    reduceOnly: z.boolean().default(false),
    /** client order id, unique per wallet; max 36 chars as the chain allows */
    cid: z.string().min(1).max(36),
  })
  .strict();

/** Cancel one resting order by its chain hash. */
export const cancelOrderActionSchema = z
  .object({
    type: z.literal('cancel'),
    orderHash: hex32,
  })
  .strict();

/** Cancel every order of the wallet on the market. */
export const cancelAllActionSchema = z.object({ type: z.literal('cancelAll') }).strict();

export const orderActionSchema = z.discriminatedUnion('type', [
  createOrderActionSchema,
  cancelOrderActionSchema,
  cancelAllActionSchema,
]);

/** The plan for one market within an intent. */
export const marketPlanSchema = z
  .object({
    market: marketKey,
    phase: strategyPhase,
    /** the inputs the plan was computed from; older than the last applied = superseded */
    basedOn: z
      .object({
        /** `seq` of the trading book snapshot */
        bookSeq: sequenceNumber,
        /** `seq` of the reference price tick */
        priceSeq: sequenceNumber,
        /** reference mid the plan used, quote per base */
        referencePrice: positiveDecimalString,
      })
      .strict(),
    actions: z.array(orderActionSchema).min(1),
  })
  .strict();

/** Work for a wallet's executor (`intent.<wallet>`). */
export const batchIntentSchema = z
  .object({
    v: z.literal(1),
    /** unique id, used in reports */
    id: z.string().min(1).max(64),
    wallet: walletId,
    bot: botId,
    plans: z.array(marketPlanSchema).min(1),
    /** when it was planned, ms since epoch */
    ts: epochMs,
    /** after this instant (ms since epoch) the executor drops it as expired */
    deadline: epochMs,
  })
  .strict();

export type StrategyPhase = z.infer<typeof strategyPhase>;
export type CreateOrderAction = z.infer<typeof createOrderActionSchema>;
export type CancelOrderAction = z.infer<typeof cancelOrderActionSchema>;
export type CancelAllAction = z.infer<typeof cancelAllActionSchema>;
export type OrderAction = z.infer<typeof orderActionSchema>;
export type MarketPlan = z.infer<typeof marketPlanSchema>;
export type BatchIntent = z.infer<typeof batchIntentSchema>;

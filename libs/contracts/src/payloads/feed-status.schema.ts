import { z } from 'zod';
import { epochMs, marketKey, sequenceNumber, safeCount } from '../primitives';

export const feedState = z.enum(['fresh', 'stale', 'degraded', 'down']);

const sideStatusSchema = z
  .object({
    state: feedState,
    /** ms since the last good update of this side; null before the first */
    ageMs: safeCount.nullable(),
    /** why the side is not fresh, when it is not */
    reason: z.string().optional(),
  })
  .strict();

/** Health of one market pair's feed (`md.status.<mk>`). */
export const feedStatusSchema = z
  .object({
    v: z.literal(1),
    market: marketKey,
    /** the worst of the two sides */
    state: feedState,
    /** the mainnet reference price */
    reference: sideStatusSchema,
    /** the testnet book */
    book: sideStatusSchema,
    /** true when the request budget forced a longer poll interval than configured */
    throttled: z.boolean(),
    /** the poll interval in force, ms */
    pollIntervalMs: z.number().int().positive(),
    ts: epochMs,
    seq: sequenceNumber,
  })
  .strict();

export type FeedState = z.infer<typeof feedState>;
export type FeedStatus = z.infer<typeof feedStatusSchema>;

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
    /** the worse of `reference` and `book` */
    state: feedState,
    /** the mainnet reference price */
    reference: sideStatusSchema,
    /** the testnet book */
    book: sideStatusSchema,
    /**
     * the mainnet book (`md.refbook.<mk>`): stale once 3 of its read intervals (at least the feed's stale threshold)
     * brought no good read; not part of `state` (planning does not wait for it); absent from feeds that do not read it
     */
    refBook: sideStatusSchema.optional(),
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

import { z } from 'zod';
import { epochMs, marketKey, marketRole, network, positiveDecimalString, sequenceNumber, safeCount } from '../primitives';

/** One aggregated price level. */
export const bookLevelSchema = z
  .object({
    /** quote units per base unit */
    price: positiveDecimalString,
    /** total resting quantity at this price, base units (contracts for derivatives) */
    quantity: positiveDecimalString,
  })
  .strict();

/** Aggregated order book of one market (`md.book.<net>.<mk>`). */
export const bookSnapshotSchema = z
  .object({
    v: z.literal(1),
    net: network,
    role: marketRole,
    market: marketKey,
    /** bids, best (highest) first */
    bids: z.array(bookLevelSchema),
    /** asks, best (lowest) first */
    asks: z.array(bookLevelSchema),
    /** number of price levels on both sides (the LCD aggregates orders per level) */
    orderCount: safeCount,
    /** block height the book was read at */
    height: safeCount,
    /** when the feed read it, ms since epoch */
    ts: epochMs,
    /** monotonic per (net, role, market); intents carry it as `basedOn.bookSeq` */
    seq: sequenceNumber,
  })
  .strict();

export type BookLevel = z.infer<typeof bookLevelSchema>;
export type BookSnapshot = z.infer<typeof bookSnapshotSchema>;

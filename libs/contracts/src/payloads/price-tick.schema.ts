import { z } from 'zod';
import { epochMs, marketKey, marketRole, network, positiveDecimalString, sequenceNumber, safeCount } from '../primitives';

/** Top of book and derived prices of one market on one network (`md.price.<net>.<mk>`). */
export const priceTickSchema = z
  .object({
    v: z.literal(1),
    /** network the price was read from */
    net: network,
    /** `reference` = the mainnet side the bots follow; `trading` = the testnet side they quote on */
    role: marketRole,
    market: marketKey,
    /** best bid, quote units per base unit; null when that side is empty */
    bid: positiveDecimalString.nullable(),
    /** best ask, quote units per base unit; null when that side is empty */
    ask: positiveDecimalString.nullable(),
    /** the price the bots follow, quote units per base unit (mid, last or mark — see `source`) */
    mid: positiveDecimalString,
    /** last traded price, quote units per base unit, when known */
    last: positiveDecimalString.nullable(),
    /** how `mid` was derived */
    source: z.enum(['mid', 'last', 'mark']),
    /** block height the price was read at */
    height: safeCount,
    /** when the feed read it, ms since epoch */
    ts: epochMs,
    /** monotonic per (net, role, market) */
    seq: sequenceNumber,
  })
  .strict();

export type PriceTick = z.infer<typeof priceTickSchema>;

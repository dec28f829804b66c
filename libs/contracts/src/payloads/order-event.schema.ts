import { z } from 'zod';
import { epochMs, hex32, marketKey, positiveDecimalString, side, walletId, safeCount } from '../primitives';

/** A change to one of the wallet's orders (`orders.<wallet>.<mk>`). */
export const orderEventSchema = z
  .object({
    v: z.literal(1),
    wallet: walletId,
    market: marketKey,
    /** `closed`: left the book without a fill the executor saw (reconciliation found it gone; filled or cancelled elsewhere) */
    kind: z.enum(['created', 'cancelled', 'filled', 'closed', 'rejected']),
    /** null for a rejected order that never reached the book */
    orderHash: hex32.nullable(),
    cid: z.string().nullable(),
    side,
    /** quote units per base unit */
    price: positiveDecimalString,
    /** base units: the order's quantity, or the filled amount for `filled` */
    quantity: positiveDecimalString,
    /** why, for `rejected`, `cancelled` and `closed` */
    reason: z.string().nullable(),
    height: safeCount.nullable(),
    ts: epochMs,
  })
  .strict();

export type OrderEvent = z.infer<typeof orderEventSchema>;

import { z } from 'zod';
import { epochMs, marketKey, positiveDecimalString } from '@mirrorbook/contracts';

const pointSchema = z.object({ t: epochMs, mid: positiveDecimalString });

/** `GET /api/markets/:mk/history`: both mids over a time range, downsampled for charts. */
export const priceHistorySchema = z.object({
  market: marketKey,
  from: epochMs,
  to: epochMs,
  /** mainnet reference mid, oldest first */
  reference: z.array(pointSchema),
  /** testnet mid, oldest first */
  trading: z.array(pointSchema),
  /** MD stream messages read */
  scanned: z.number().int().nonnegative(),
  /** true when the read stopped at its message or time budget before `to` */
  truncated: z.boolean(),
});

export type PriceHistory = z.infer<typeof priceHistorySchema>;

import type Decimal from 'decimal.js';
import { z } from 'zod';
import { decimalField, uint64Field } from './lcd-field.schema';

const levelSchema = z.object({ p: decimalField, q: decimalField }).transform(({ p, q }) => ({ price: p, quantity: q }));

/** One aggregated price level, human units. */
export interface BookLevel {
  /** quote units per base unit */
  readonly price: Decimal;
  /** base units (contracts for derivatives) */
  readonly quantity: Decimal;
}

/**
 * `GET /injective/exchange/v2/spot/orderbook/{market_id}?limit=N` (and
 * `/injective/exchange/v2/derivative/orderbook/{market_id}?limit=N`):
 *
 * ```json
 * {"buys_price_level":[{"p":"12.345000000000000000","q":"1.500000000000000000"}],
 *  "sells_price_level":[{"p":"12.350000000000000000","q":"2.000000000000000000"}],
 *  "seq":"1234"}
 * ```
 * `p` and `q` are human-readable LegacyDec strings (18 decimals); `seq` is a uint64 string. The
 * lists may be empty (`[]`); bids come out best (highest) first, asks best (lowest) first.
 */
export const orderbookResponseSchema = z
  .object({
    buys_price_level: z.array(levelSchema),
    sells_price_level: z.array(levelSchema),
    seq: uint64Field,
  })
  .passthrough()
  .transform((reply) => ({
    bids: [...reply.buys_price_level].sort((a, b) => b.price.comparedTo(a.price)),
    asks: [...reply.sells_price_level].sort((a, b) => a.price.comparedTo(b.price)),
    seq: reply.seq,
  }));

/** An order book snapshot, human units. */
export type Orderbook = z.output<typeof orderbookResponseSchema>;

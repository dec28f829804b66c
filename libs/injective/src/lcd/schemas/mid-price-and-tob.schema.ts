import { z } from 'zod';
import { optionalDecimalField } from './lcd-field.schema';

/**
 * `GET /injective/exchange/v2/spot/mid_price_and_tob/{market_id}` (and
 * `/injective/exchange/v2/derivative/mid_price_and_tob/{market_id}`):
 *
 * ```json
 * {"mid_price":"12.347500000000000000","best_buy_price":"12.345000000000000000","best_sell_price":"12.350000000000000000"}
 * ```
 * Human-readable LegacyDec strings; a side with no orders is `null` or absent (then `mid_price`
 * is too).
 */
export const midPriceAndTobResponseSchema = z
  .object({
    mid_price: optionalDecimalField,
    best_buy_price: optionalDecimalField,
    best_sell_price: optionalDecimalField,
  })
  .passthrough()
  .transform((reply) => ({
    midPrice: reply.mid_price,
    bestBuyPrice: reply.best_buy_price,
    bestSellPrice: reply.best_sell_price,
  }));

/** Mid price and top of book, human units; null where a side is empty. */
export type MidPriceAndTob = z.output<typeof midPriceAndTobResponseSchema>;

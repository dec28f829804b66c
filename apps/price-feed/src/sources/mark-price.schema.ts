import { Dec } from '@mirrorbook/market';
import { z } from 'zod';

/**
 * `GET /injective/exchange/v2/derivative/markets/{market_id}` — only the oracle mark price is read:
 * `{"market":{"market":{…},"perpetual_info":{…},"mark_price":"12.345000000000000000"}}`; null or
 * absent when the chain has none. Signed decimals pass the schema so that validation can refuse
 * (and count) a non-positive one.
 */
export const markPriceResponseSchema = z
  .object({
    market: z
      .object({
        mark_price: z
          .string()
          .regex(/^-?(0|[1-9]\d*)(\.\d+)?$/, 'must be a plain decimal string')
          .nullish(),
      })
      .passthrough(),
  })
  .passthrough()
  .transform((reply) => (reply.market.mark_price == null ? null : new Dec(reply.market.mark_price)));

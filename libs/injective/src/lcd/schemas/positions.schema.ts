import { z } from 'zod';
import { decimalField, hash32Field, subaccountIdField } from './lcd-field.schema';

/**
 * `GET /injective/exchange/v2/subaccount_positions/{subaccount_id}`:
 *
 * ```json
 * {"state":[{"subaccount_id":"0x…","market_id":"0x…",
 *            "position":{"isLong":true,"quantity":"0.500000000000000000",
 *                        "entry_price":"25000.500000000000000000","margin":"1250.000000000000000000",
 *                        "cumulative_funding_entry":"-0.001200000000000000"}}]}
 * ```
 * Human-readable LegacyDec strings (quantity in contracts, prices and margin in quote units);
 * `isLong` keeps the proto's camelCase name. No positions: `{"state":[]}`.
 */
export const positionsResponseSchema = z
  .object({
    state: z.array(
      z
        .object({
          subaccount_id: subaccountIdField,
          market_id: hash32Field,
          position: z
            .object({
              isLong: z.boolean(),
              quantity: decimalField,
              entry_price: decimalField,
              margin: decimalField,
              cumulative_funding_entry: decimalField,
            })
            .passthrough(),
        })
        .passthrough(),
    ),
  })
  .passthrough()
  .transform((reply) =>
    reply.state.map(({ subaccount_id, market_id, position }) => ({
      subaccountId: subaccount_id,
      marketId: market_id,
      side: position.isLong ? ('long' as const) : ('short' as const),
      quantity: position.quantity,
      entryPrice: position.entry_price,
      margin: position.margin,
      cumulativeFundingEntry: position.cumulative_funding_entry,
    })),
  );

/** A derivative position of the subaccount, human units. */
export type Position = z.output<typeof positionsResponseSchema>[number];

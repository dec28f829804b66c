import { z } from 'zod';
import { decimalField } from './lcd-field.schema';

/**
 * `GET /injective/exchange/v2/exchange/subaccountDeposits?subaccount_id=0x…`:
 *
 * ```json
 * {"deposits":{"inj":{"available_balance":"1000000000000000000.000000000000000000",
 *                     "total_balance":"2000000000000000000.000000000000000000"},
 *              "peggy0x87aB…":{"available_balance":"5000000","total_balance":"5000000"}}}
 * ```
 * Keyed by bank denom; values in CHAIN base units (10^-decimals of the token), LegacyDec or Int
 * strings. An empty subaccount answers `{"deposits":{}}`.
 */
export const subaccountDepositsResponseSchema = z
  .object({
    deposits: z.record(
      z.string().min(1),
      z.object({ available_balance: decimalField, total_balance: decimalField }).passthrough(),
    ),
  })
  .passthrough()
  .transform((reply) => reply.deposits);

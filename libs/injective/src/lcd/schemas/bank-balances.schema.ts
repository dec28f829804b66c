import { z } from 'zod';
import { decimalField } from './lcd-field.schema';

/**
 * `GET /cosmos/bank/v1beta1/balances/{address}?pagination.limit=1000`:
 *
 * ```json
 * {"balances":[{"denom":"inj","amount":"12000000000000000000"}],"pagination":{"next_key":null,"total":"1"}}
 * ```
 * Amounts are Int strings in chain base units; a denom the address never held is absent.
 */
export const bankBalancesResponseSchema = z
  .object({ balances: z.array(z.object({ denom: z.string().min(1), amount: decimalField }).passthrough()) })
  .passthrough()
  .transform((reply) => reply.balances);

import { z } from 'zod';
import { decimalField } from './lcd-field.schema';

/**
 * `GET /injective/txfees/v1beta1/cur_eip_base_fee` (`QueryEipBaseFeeResponse`): the current
 * base fee per gas unit, base units of `inj`, a LegacyDec:
 *
 * ```json
 * {"base_fee":{"base_fee":"160000000.000000000000000000"}}
 * ```
 */
export const eipBaseFeeResponseSchema = z
  .object({ base_fee: z.object({ base_fee: decimalField }).passthrough() })
  .passthrough()
  .transform((reply) => reply.base_fee.base_fee);

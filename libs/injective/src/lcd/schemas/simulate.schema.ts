import { z } from 'zod';
import { uint64Field } from './lcd-field.schema';

/** What `POST /cosmos/tx/v1beta1/simulate` answers that is read. */
export interface SimulationGas {
  readonly gasUsed: number;
  readonly gasWanted: number;
}

/**
 * `POST /cosmos/tx/v1beta1/simulate` (`SimulateResponse`) — only the gas info is read:
 *
 * ```json
 * {"gas_info":{"gas_wanted":"0","gas_used":"231045"},"result":{…}}
 * ```
 */
export const simulateResponseSchema = z
  .object({ gas_info: z.object({ gas_wanted: uint64Field.default('0'), gas_used: uint64Field }).passthrough() })
  .passthrough()
  .transform((reply): SimulationGas => ({ gasUsed: reply.gas_info.gas_used, gasWanted: reply.gas_info.gas_wanted }));

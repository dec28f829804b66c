import { z } from 'zod';
import { uint64Field } from './lcd-field.schema';

const headerSchema = z.object({ header: z.object({ height: uint64Field }).passthrough() }).passthrough();

/**
 * `GET /cosmos/base/tendermint/v1beta1/blocks/latest` — only the height is read:
 *
 * ```json
 * {"block_id":{…},"block":{"header":{"height":"12345",…},…},"sdk_block":{"header":{"height":"12345",…},…}}
 * ```
 * `sdk_block.header.height` is preferred, `block.header.height` used when `sdk_block` is absent;
 * at least one is required. Heights are uint64 strings.
 */
export const latestBlockResponseSchema = z
  .object({ sdk_block: headerSchema.optional(), block: headerSchema.optional() })
  .passthrough()
  .superRefine((reply, ctx) => {
    if (!reply.sdk_block && !reply.block) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['sdk_block'], message: 'sdk_block or block is required' });
    }
  })
  .transform((reply) => (reply.sdk_block ?? reply.block)!.header.height);

import { z } from 'zod';

/**
 * `GET /cosmos/base/tendermint/v1beta1/node_info` — only the chain id is read:
 *
 * ```json
 * {"default_node_info":{"network":"injective-888","moniker":"…",…},"application_version":{…}}
 * ```
 * A few hundred bytes, where the latest block (which also names the chain) can be megabytes.
 */
export const nodeInfoResponseSchema = z
  .object({ default_node_info: z.object({ network: z.string().min(1) }).passthrough() })
  .passthrough()
  .transform((reply) => reply.default_node_info.network);

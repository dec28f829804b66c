import { z } from 'zod';
import { uint64Field } from './lcd-field.schema';

const eventSchema = z
  .object({
    type: z.string(),
    attributes: z.array(z.object({ key: z.string(), value: z.string().nullable().optional() }).passthrough()).optional(),
  })
  .passthrough();

const txResponseSchema = z
  .object({
    height: uint64Field,
    txhash: z.string().regex(/^[0-9A-Fa-f]{64}$/, 'must be 64 hex digits'),
    codespace: z.string().optional().default(''),
    code: z.number().int().nonnegative(),
    data: z.string().optional().default(''),
    raw_log: z.string().optional().default(''),
    gas_wanted: uint64Field.optional().default('0'),
    gas_used: uint64Field.optional().default('0'),
    events: z.array(eventSchema).optional().default([]),
  })
  .passthrough();

/**
 * `{"tx_response":{…}}`, the envelope of both
 * `POST /cosmos/tx/v1beta1/txs` (broadcast, SYNC: `height` `"0"`, gas `"0"`) and
 * `GET /cosmos/tx/v1beta1/txs/{HASH}` (included tx; also carries `tx`, not read here):
 *
 * ```json
 * {"tx_response":{"height":"1234","txhash":"<64 upper hex>","codespace":"","code":0,
 *   "data":"<upper hex of cosmos.base.abci.v1beta1.TxMsgData>","raw_log":"",
 *   "gas_wanted":"400000","gas_used":"187654","events":[…]}}
 * ```
 * `code` is a JSON number; `height`, `gas_wanted`, `gas_used` are int64 strings; `codespace`
 * is `sdk` for Cosmos SDK errors. `data`, `raw_log`, `codespace`, gas and `events` may be absent.
 */
export const txResponseEnvelopeSchema = z
  .object({ tx_response: txResponseSchema })
  .passthrough()
  .transform((reply) => reply.tx_response);

/** A Cosmos tx response as the LCD spells it (snake case), validated. */
export type LcdTxResponse = z.output<typeof txResponseEnvelopeSchema>;

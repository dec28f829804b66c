import { z } from 'zod';
import { uint64Field } from './lcd-field.schema';

const pubKeySchema = z.object({ '@type': z.string(), key: z.string().min(1) }).passthrough();

const baseAccountSchema = z
  .object({
    address: z.string().min(1),
    pub_key: pubKeySchema.nullable().optional(),
    account_number: uint64Field,
    sequence: uint64Field,
  })
  .passthrough();

/**
 * `GET /cosmos/auth/v1beta1/accounts/{inj1…}` — an Injective EthAccount:
 *
 * ```json
 * {"account":{"@type":"/injective.types.v1beta1.EthAccount",
 *   "base_account":{"address":"inj1…","pub_key":null | {"@type":"/injective.crypto.v1beta1.ethsecp256k1.PubKey","key":"<base64 33 bytes>"},
 *                   "account_number":"42","sequence":"5"},
 *   "code_hash":"…"}}
 * ```
 * A plain `/cosmos.auth.v1beta1.BaseAccount` (fields directly under `account`) is read too.
 * `account_number` and `sequence` are uint64 strings. Unknown account: HTTP 404
 * `{"code":5,"message":"…not found…"}`.
 */
export const accountResponseSchema = z
  .object({
    account: z.union([
      z
        .object({ base_account: baseAccountSchema })
        .passthrough()
        .transform((account) => account.base_account),
      baseAccountSchema,
    ]),
  })
  .transform(({ account }) => ({
    address: account.address,
    accountNumber: account.account_number,
    sequence: account.sequence,
    pubKey: account.pub_key ? { typeUrl: account.pub_key['@type'], keyBase64: account.pub_key.key } : null,
  }));

/** An account's signing state, committed (not mempool) view. */
export type AccountInfo = z.output<typeof accountResponseSchema>;

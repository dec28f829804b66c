import { z } from 'zod';
import { uint64Field } from './lcd-field.schema';

/** An int64 rendered as a JSON string (`"-1"`, `"42"`), read as a safe integer. */
const int64Field = z
  .string()
  .regex(/^-?(0|[1-9]\d*)$/, 'must be an integer string such as "42"')
  .transform(Number)
  .refine(Number.isSafeInteger, 'exceeds Number.MAX_SAFE_INTEGER');

/** The exchange module parameters the executor and preflight act on. */
export interface ExchangeParams {
  /** the fixed per-order gas table is charged (off: gas is what the tx uses, read by simulate) */
  readonly fixedGasEnabled: boolean;
  /** most resting orders a subaccount may keep on one side of one derivative market */
  readonly maxDerivativeOrderSideCount: number;
  /** below this block height the exchange is in post-only mode (crossing orders refused) */
  readonly postOnlyModeHeightThreshold: number;
  /** blocks of post-only mode after an upgrade */
  readonly postOnlyModeBlocksAmount: number;
}

/**
 * `GET /injective/exchange/v2/exchangeParams` (`QueryExchangeParamsResponse`) — only these keys of
 * `injective.exchange.v2.Params` are read:
 *
 * ```json
 * {"params":{"max_derivative_order_side_count":100,"post_only_mode_height_threshold":"0",
 *            "fixed_gas_enabled":false,"post_only_mode_blocks_amount":"2000",…}}
 * ```
 */
export const exchangeParamsResponseSchema = z
  .object({
    params: z
      .object({
        fixed_gas_enabled: z.boolean().default(false),
        max_derivative_order_side_count: z.number().int().nonnegative(),
        post_only_mode_height_threshold: int64Field.default('0'),
        post_only_mode_blocks_amount: uint64Field.default('0'),
      })
      .passthrough(),
  })
  .passthrough()
  .transform(
    ({ params }): ExchangeParams => ({
      fixedGasEnabled: params.fixed_gas_enabled,
      maxDerivativeOrderSideCount: params.max_derivative_order_side_count,
      postOnlyModeHeightThreshold: params.post_only_mode_height_threshold,
      postOnlyModeBlocksAmount: params.post_only_mode_blocks_amount,
    }),
  );

/** True while the exchange is in post-only mode at `height` (crossing creates are refused). */
export function isPostOnlyMode(params: ExchangeParams, height: number): boolean {
  return height < params.postOnlyModeHeightThreshold;
}

import type { BatchUpdateOrdersInput } from './batch-update-orders.input';

/**
 * Fixed gas the exchange module charges per order inside `MsgBatchUpdateOrders`
 * (injective-core fixed-gas table, see docs/injective.md#fees-and-gas).
 */
export const GAS_PER_ORDER = Object.freeze({
  spotLimit: 100_000,
  spotPostOnly: 120_000,
  spotCancel: 65_000,
  derivativeLimit: 120_000,
  derivativePostOnly: 140_000,
  derivativeCancel: 70_000,
});

/**
 * Gas of the ante handler and the tx envelope, paid once per tx: eth_secp256k1 signature
 * verification (21 000), fee deduction and account reads/writes (≈ 30 000), and the size cost of
 * a ~4 KB envelope at 10 gas per byte (≈ 40 000), rounded up.
 */
export const ANTE_OVERHEAD_GAS = 120_000;

/** Size cost of one order or cancel in the tx bytes: ≈ 250 bytes at 10 gas per byte. */
export const TX_BYTES_GAS_PER_ITEM = 2_500;

/** Multiplier over the sum, in percent: the table is the chain's, the overhead is our estimate. */
export const GAS_SAFETY_PERCENT = 120;

/** Largest gas limit a tx may ask for (block max gas). */
export const MAX_GAS_PER_TX = 30_000_000;

/**
 * Most orders cancel-alls may remove in one tx (derivative cancels, the costlier kind), leaving
 * room for the byte cost of 20 cancel-all items: ≈ 354 within `MAX_GAS_PER_TX`.
 */
export const MAX_CANCEL_ALL_ORDERS_PER_TX = Math.floor(
  ((MAX_GAS_PER_TX * 100) / GAS_SAFETY_PERCENT - ANTE_OVERHEAD_GAS - 20 * TX_BYTES_GAS_PER_ITEM) / GAS_PER_ORDER.derivativeCancel,
);

/**
 * Most cancels by hash or cid one tx may carry (derivative cancels, the costlier kind), each with
 * its byte cost: 343 within `MAX_GAS_PER_TX`.
 */
export const MAX_CANCELS_BY_ID_PER_TX = Math.floor(
  ((MAX_GAS_PER_TX * 100) / GAS_SAFETY_PERCENT - ANTE_OVERHEAD_GAS) / (GAS_PER_ORDER.derivativeCancel + TX_BYTES_GAS_PER_ITEM),
);

/**
 * How many orders a cancel-all is assumed to remove per market when the caller does not say:
 * the chain charges per cancelled order, and the count is unknown when signing.
 */
export const DEFAULT_CANCEL_ALL_ORDERS_PER_MARKET = 20;

/** A gas limit for a batch. */
export interface GasEstimate {
  /** the limit to sign: `required`, capped at `MAX_GAS_PER_TX` */
  readonly gas: number;
  /** the estimate before the cap */
  readonly required: number;
  /** true when `required` exceeds `MAX_GAS_PER_TX`: split the batch, it would run out of gas */
  readonly capped: boolean;
}

/** Options of `estimateGas`. */
export interface GasEstimateOptions {
  /** orders a cancel-all removes per market; default `DEFAULT_CANCEL_ALL_ORDERS_PER_MARKET` */
  readonly cancelAllOrdersPerMarket?: number;
}

/**
 * The gas limit for `buildBatchUpdateOrdersMsg(input)`: the fixed per-order gas of every create
 * and cancel, plus `ANTE_OVERHEAD_GAS` and `TX_BYTES_GAS_PER_ITEM` per item, times
 * `GAS_SAFETY_PERCENT`, capped at `MAX_GAS_PER_TX`.
 */
export function estimateGas(input: BatchUpdateOrdersInput, options: GasEstimateOptions = {}): GasEstimate {
  const perCancelAll = options.cancelAllOrdersPerMarket ?? DEFAULT_CANCEL_ALL_ORDERS_PER_MARKET;
  if (!Number.isSafeInteger(perCancelAll) || perCancelAll < 0) {
    throw new RangeError('cancelAllOrdersPerMarket must be a non-negative integer');
  }
  const spotCreates = input.spotCreates ?? [];
  const derivativeCreates = input.derivativeCreates ?? [];
  const spotCancels = (input.spotCancels?.length ?? 0) + (input.spotCancelAll?.length ?? 0) * perCancelAll;
  const derivativeCancels =
    (input.derivativeCancels?.length ?? 0) + (input.derivativeCancelAll?.length ?? 0) * perCancelAll;

  const orderGas =
    spotCreates.reduce((sum, o) => sum + (o.postOnly ? GAS_PER_ORDER.spotPostOnly : GAS_PER_ORDER.spotLimit), 0) +
    derivativeCreates.reduce(
      (sum, o) => sum + (o.postOnly ? GAS_PER_ORDER.derivativePostOnly : GAS_PER_ORDER.derivativeLimit),
      0,
    ) +
    spotCancels * GAS_PER_ORDER.spotCancel +
    derivativeCancels * GAS_PER_ORDER.derivativeCancel;
  const items =
    spotCreates.length +
    derivativeCreates.length +
    (input.spotCancels?.length ?? 0) +
    (input.derivativeCancels?.length ?? 0) +
    (input.spotCancelAll?.length ?? 0) +
    (input.derivativeCancelAll?.length ?? 0);

  const base = orderGas + ANTE_OVERHEAD_GAS + items * TX_BYTES_GAS_PER_ITEM;
  const required = Math.ceil((base * GAS_SAFETY_PERCENT) / 100);
  return { gas: Math.min(required, MAX_GAS_PER_TX), required, capped: required > MAX_GAS_PER_TX };
}

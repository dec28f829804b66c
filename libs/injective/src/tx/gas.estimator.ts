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
 * Gas the chain's ante handler consumes for every tx, before the messages run
 * (docs/injective.md#fees-and-gas). The simulator charges exactly `anteGas`.
 */
export const ANTE_GAS = Object.freeze({
  /** eth_secp256k1 signature verification (injective-core `app/ante/ante.go`, `secp256k1VerifyCost`) */
  signature: 21_000,
  /** per byte of the signed tx (cosmos-sdk auth param `tx_size_cost_per_byte`, default 10) */
  perTxByte: 10,
  /**
   * store reads and writes of the decorators (params, account, fee transfer, sequence), counted
   * with cosmos-sdk's `KVGasConfig`: an estimate, not a measurement on a node
   */
  store: 50_000,
});

/** Ante-handler gas of a signed tx of `txBytes` bytes. */
export function anteGas(txBytes: number): number {
  return ANTE_GAS.signature + ANTE_GAS.store + ANTE_GAS.perTxByte * txBytes;
}

/**
 * Headroom over `anteGas` in every estimate, the only margin: the fixed table is charged exactly,
 * but the store part of the ante gas is counted, not measured (a key's first tx also writes its
 * public key, ≈ 10 000).
 */
export const ANTE_MARGIN_GAS = 30_000;

/**
 * Upper bounds of a signed tx's size before it is signed, bytes: measured on sdk-ts-signed txs
 * (envelope with a cancel-all subaccount 367, spot create 264, derivative create 288, cancel by
 * hash 207, cancel-all market 68, with 27-character cids), rounded up for 36-character cids and
 * longer prices.
 */
export const TX_BYTES_BOUND = Object.freeze({ envelope: 400, create: 320, cancel: 220, cancelAllMarket: 80 });

/** Largest gas limit a tx may ask for (block max gas). */
export const MAX_GAS_PER_TX = 30_000_000;

/**
 * Most orders cancel-alls may remove in one tx (derivative cancels, the costlier kind), with the
 * ante gas of a tx cancelling 20 markets: 426 within `MAX_GAS_PER_TX`.
 */
export const MAX_CANCEL_ALL_ORDERS_PER_TX = Math.floor(
  (MAX_GAS_PER_TX - anteGas(TX_BYTES_BOUND.envelope + 20 * TX_BYTES_BOUND.cancelAllMarket) - ANTE_MARGIN_GAS) / GAS_PER_ORDER.derivativeCancel,
);

/**
 * Most cancels by hash or cid one tx may carry (derivative cancels, the costlier kind), each with
 * its byte cost: 414 within `MAX_GAS_PER_TX`.
 */
export const MAX_CANCELS_BY_ID_PER_TX = Math.floor(
  (MAX_GAS_PER_TX - anteGas(TX_BYTES_BOUND.envelope) - ANTE_MARGIN_GAS) / (GAS_PER_ORDER.derivativeCancel + ANTE_GAS.perTxByte * TX_BYTES_BOUND.cancel),
);

/**
 * How many orders a cancel-all is assumed to remove per market when the caller does not know:
 * the chain charges per cancelled order.
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
  /**
   * orders the chain will remove for a cancel-all of `marketId` (resting orders of the
   * subaccount); default `DEFAULT_CANCEL_ALL_ORDERS_PER_MARKET` for every market
   */
  readonly cancelAllOrders?: (marketId: string) => number;
  /** length of the signed tx (see `signWithEstimatedGas`); default `txBytesBound(input)` */
  readonly txBytes?: number;
}

/**
 * The gas limit for `buildBatchUpdateOrdersMsg(input)`: the fixed per-order gas of every create
 * and cancel (cancel-alls per order they remove), plus `anteGas` of the tx's size and
 * `ANTE_MARGIN_GAS`, capped at `MAX_GAS_PER_TX`.
 */
export function estimateGas(input: BatchUpdateOrdersInput, options: GasEstimateOptions = {}): GasEstimate {
  const txBytes = options.txBytes ?? txBytesBound(input);
  nonNegativeInteger(txBytes, 'txBytes');
  const required = fixedTableGas(input, options.cancelAllOrders ?? (() => DEFAULT_CANCEL_ALL_ORDERS_PER_MARKET)) + anteGas(txBytes) + ANTE_MARGIN_GAS;
  return { gas: Math.min(required, MAX_GAS_PER_TX), required, capped: required > MAX_GAS_PER_TX };
}

/** What the exchange charges for `input` with `fixed_gas_enabled`: the table per create and cancel, cancel-alls per order removed. */
export function fixedTableGas(input: BatchUpdateOrdersInput, cancelAllOrders: (marketId: string) => number): number {
  const removed = (marketId: string) => {
    const n = cancelAllOrders(marketId);
    nonNegativeInteger(n, `cancel-all orders of ${marketId}`);
    return n;
  };
  const spotCreates = (input.spotCreates ?? []).reduce((sum, o) => sum + (o.postOnly ? GAS_PER_ORDER.spotPostOnly : GAS_PER_ORDER.spotLimit), 0);
  const derivativeCreates = (input.derivativeCreates ?? []).reduce(
    (sum, o) => sum + (o.postOnly ? GAS_PER_ORDER.derivativePostOnly : GAS_PER_ORDER.derivativeLimit),
    0,
  );
  const spotCancels = (input.spotCancels?.length ?? 0) + (input.spotCancelAll ?? []).reduce((sum, id) => sum + removed(id), 0);
  const derivativeCancels = (input.derivativeCancels?.length ?? 0) + (input.derivativeCancelAll ?? []).reduce((sum, id) => sum + removed(id), 0);
  return spotCreates + derivativeCreates + spotCancels * GAS_PER_ORDER.spotCancel + derivativeCancels * GAS_PER_ORDER.derivativeCancel;
}

/** An upper bound of the signed size of `input`'s tx, from `TX_BYTES_BOUND`. */
export function txBytesBound(input: BatchUpdateOrdersInput): number {
  const creates = (input.spotCreates?.length ?? 0) + (input.derivativeCreates?.length ?? 0);
  const cancels = (input.spotCancels?.length ?? 0) + (input.derivativeCancels?.length ?? 0);
  const cancelAlls = (input.spotCancelAll?.length ?? 0) + (input.derivativeCancelAll?.length ?? 0);
  return TX_BYTES_BOUND.envelope + creates * TX_BYTES_BOUND.create + cancels * TX_BYTES_BOUND.cancel + cancelAlls * TX_BYTES_BOUND.cancelAllMarket;
}

function nonNegativeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

import { anteGas, GAS_PER_ORDER } from '@mirrorbook/injective';
import type { SimBatch } from '../exchange/exchange.port';

/**
 * Injective's fixed gas per exchange action (docs/injective.md#fees-and-gas), plus a per-message
 * overhead of metered execution. The ante handler's gas is libs/injective's `anteGas`.
 */
export const GAS_TABLE = {
  messageOverhead: 10_000,
  ...GAS_PER_ORDER,
  // injective-core fixed_gas.go MsgCreateSpotMarketOrderGas / MsgCreateDerivativeMarketOrderGas
  spotMarket: 50_000,
  derivativeMarket: 105_000,
} as const;

/** How many of the batch subaccount's orders rest on a market (what a cancel-all removes). */
export type RestingOrderCount = (marketId: string, subaccountId: string) => number;

/**
 * The fixed-table gas of one batch message: per order created or cancelled; a cancel-all is
 * charged per order it removes, as the chain does (injective-core `FixedGasBatchUpdateOrders`).
 */
export function fixedTableBatchGas(batch: SimBatch, resting: RestingOrderCount): number {
  let gas = 0;
  for (const o of batch.spotOrdersToCreate) gas += o.postOnly ? GAS_TABLE.spotPostOnly : GAS_TABLE.spotLimit;
  for (const o of batch.derivativeOrdersToCreate) gas += o.postOnly ? GAS_TABLE.derivativePostOnly : GAS_TABLE.derivativeLimit;
  gas += batch.spotMarketOrdersToCreate.length * GAS_TABLE.spotMarket;
  gas += batch.derivativeMarketOrdersToCreate.length * GAS_TABLE.derivativeMarket;
  gas += batch.spotOrdersToCancel.length * GAS_TABLE.spotCancel;
  gas += batch.derivativeOrdersToCancel.length * GAS_TABLE.derivativeCancel;
  for (const id of batch.spotMarketIdsToCancelAll) gas += resting(id, batch.subaccountId) * GAS_TABLE.spotCancel;
  for (const id of batch.derivativeMarketIdsToCancelAll) gas += resting(id, batch.subaccountId) * GAS_TABLE.derivativeCancel;
  return gas;
}

/**
 * Gas one batch message uses. With fixed gas on, exactly the table: the chain charges it and runs
 * the message on an infinite gas meter. With it off (metered), the sim's model of what execution
 * consumes: the table as the per-order estimate plus a per-message overhead.
 */
export function batchGas(batch: SimBatch, resting: RestingOrderCount, fixedGasEnabled: boolean): number {
  const table = fixedTableBatchGas(batch, resting);
  return fixedGasEnabled ? table : GAS_TABLE.messageOverhead + table;
}

/**
 * Gas a whole tx of `txBytes` signed bytes uses: the ante handler's (metered in both modes: signature,
 * 10 per byte, store) plus each batch's gas.
 */
export function txGas(batches: readonly SimBatch[], resting: RestingOrderCount, fixedGasEnabled: boolean, txBytes: number): number {
  return batches.reduce<number>((sum, batch) => sum + batchGas(batch, resting, fixedGasEnabled), anteGas(txBytes));
}

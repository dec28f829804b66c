import type { BatchUpdateOrdersInput } from './batch-update-orders.input';
import { estimateGas, MAX_GAS_PER_TX, type GasEstimate, type GasEstimateOptions } from './gas.estimator';
import type { SignedTx } from './tx.signer';

/** A tx signed with the gas `estimateGas` gives for its own size. */
export interface EstimatedGasTx {
  readonly signed: SignedTx;
  readonly estimate: GasEstimate;
}

/**
 * Signs `input`'s tx with the gas `estimateGas` gives for this very tx: a draft signed at
 * `MAX_GAS_PER_TX` measures its size for the ante gas (10 gas per byte). The draft carries the
 * widest gas and fee fields, so the final tx is never longer than the size it was priced for.
 * `sign(gas)` must sign the same msg, sequence, timeout height and price at any gas.
 */
export function signWithEstimatedGas(
  sign: (gas: number) => SignedTx,
  input: BatchUpdateOrdersInput,
  options: Omit<GasEstimateOptions, 'txBytes'> = {},
): EstimatedGasTx {
  const draft = sign(MAX_GAS_PER_TX);
  const estimate = estimateGas(input, { ...options, txBytes: signedTxBytes(draft) });
  return { signed: estimate.gas === MAX_GAS_PER_TX ? draft : sign(estimate.gas), estimate };
}

/** Length of a signed tx's bytes. */
export function signedTxBytes(signed: Pick<SignedTx, 'txBytesBase64'>): number {
  return Buffer.from(signed.txBytesBase64, 'base64').length;
}

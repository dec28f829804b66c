import { chainErrorFromTxResponse } from '../errors/chain-error.parser';
import type { LcdClient, LcdRequestOptions } from '../lcd/lcd.client';
import { txResponseEnvelopeSchema } from '../lcd/schemas/tx-response.schema';

/** A tx the node accepted into its mempool (CheckTx passed). */
export interface BroadcastResult {
  /** upper-case hex */
  readonly txHash: string;
}

/**
 * Broadcasts signed tx bytes in SYNC mode over REST (`POST /cosmos/tx/v1beta1/txs`,
 * `{"tx_bytes","mode":"BROADCAST_MODE_SYNC"}`). The node answers HTTP 200 even when it refuses
 * the tx: a non-zero `code` is thrown as its typed error (`SequenceMismatchError`,
 * `InsufficientFeeError`, `MempoolFullError`, …). The POST is repeated only when the node surely
 * did not receive it (429, connection refused); after an ambiguous failure (`ChainUnavailableError`)
 * look the tx up by its hash before signing that sequence again.
 */
export async function broadcastTx(
  lcd: LcdClient,
  txBytesBase64: string,
  options?: LcdRequestOptions,
): Promise<BroadcastResult> {
  const response = await lcd.postJson(
    '/cosmos/tx/v1beta1/txs',
    { tx_bytes: txBytesBase64, mode: 'BROADCAST_MODE_SYNC' },
    txResponseEnvelopeSchema,
    { ...options, idempotent: false },
  );
  const error = chainErrorFromTxResponse(response);
  if (error) throw error;
  return { txHash: response.txhash.toUpperCase() };
}

/** A tx the node accepted (CheckTx code 0): from here on its sequence is spent until the chain says otherwise. */
export interface AcceptedTx {
  readonly txHash: string;
  /** the signed bytes, to send again while the tx may still land */
  readonly txBytesBase64: string;
  readonly sequence: number;
  /** the last height the tx may be included at (cosmos-sdk: never in a block above it) */
  readonly timeoutHeight: number;
  /** ms since epoch, when the node accepted it */
  readonly broadcastAt: number;
}

/**
 * The node accepted the tx, but the executor stopped following it before it was seen in a block
 * or its timeout height passed (no block for the inclusion wait, lease lost, shutdown): it may
 * still land. Not a failure: the sequence stays reserved and the tx is settled before any new batch.
 */
export class TxOutcomeUnknownError extends Error {
  readonly code = 'TX_OUTCOME_UNKNOWN';

  constructor(
    readonly tx: AcceptedTx,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`tx ${tx.txHash} accepted, outcome unknown: ${reason}`, options);
    this.name = 'TxOutcomeUnknownError';
  }
}

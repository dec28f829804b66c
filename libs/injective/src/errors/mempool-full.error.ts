import { ChainTxError, isSdkError, type TxResponseFailure } from './chain-tx.error';

/**
 * sdk code 20 (`ErrMempoolIsFull`), returned by broadcast when CometBFT answers `mempool is full`.
 * Nothing happened to the tx: broadcast the same bytes again after a pause.
 */
export class MempoolFullError extends ChainTxError {
  static readonly ABCI_CODE = 20;
  override readonly name = 'MempoolFullError';
  readonly code = 'MEMPOOL_FULL';

  /** The error `response` describes, or null when it is another failure. */
  static parse(response: TxResponseFailure): MempoolFullError | null {
    return isSdkError(response, MempoolFullError.ABCI_CODE) ? new MempoolFullError(response) : null;
  }
}

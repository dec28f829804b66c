import { ChainTxError, isSdkError, type TxResponseFailure } from './chain-tx.error';

/**
 * sdk code 19 (`ErrTxInMempoolCache`, `tx already in mempool`): the very same bytes were
 * broadcast before — typically a retried broadcast whose first attempt did arrive. Not a failure
 * of the tx: wait for its inclusion by hash.
 */
export class TxInMempoolCacheError extends ChainTxError {
  static readonly ABCI_CODE = 19;
  override readonly name = 'TxInMempoolCacheError';
  readonly code = 'TX_IN_MEMPOOL_CACHE';

  /** The error `response` describes, or null when it is another failure. */
  static parse(response: TxResponseFailure): TxInMempoolCacheError | null {
    return isSdkError(response, TxInMempoolCacheError.ABCI_CODE) ? new TxInMempoolCacheError(response) : null;
  }
}

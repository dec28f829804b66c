import { ChainTxError, type TxResponseFailure } from './chain-tx.error';

/**
 * Any other non-zero tx code (another sdk code, or a module's own, e.g. codespace `exchange`).
 * Read `codespace` + `abciCode` for the reason.
 */
export class TxRejectedError extends ChainTxError {
  override readonly name = 'TxRejectedError';
  readonly code = 'TX_REJECTED';

  /** The error `response` describes, or null when the tx succeeded (code 0). */
  static parse(response: TxResponseFailure): TxRejectedError | null {
    return response.code === 0 ? null : new TxRejectedError(response);
  }
}

import { ChainTxError, isSdkError, type TxResponseFailure } from './chain-tx.error';

/**
 * sdk code 13 (`ErrInsufficientFee`): `insufficient fees; got: 100inj required:
 * 64000000000000inj: insufficient fee`. Ante failure: the sequence was not consumed.
 */
export class InsufficientFeeError extends ChainTxError {
  static readonly ABCI_CODE = 13;
  override readonly name = 'InsufficientFeeError';
  readonly code = 'INSUFFICIENT_FEE';

  /** The error `response` describes, or null when it is another failure. */
  static parse(response: TxResponseFailure): InsufficientFeeError | null {
    return isSdkError(response, InsufficientFeeError.ABCI_CODE) ? new InsufficientFeeError(response) : null;
  }
}

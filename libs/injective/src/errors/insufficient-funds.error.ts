import { ChainTxError, isSdkError, type TxResponseFailure } from './chain-tx.error';

/**
 * sdk code 5 (`ErrInsufficientFunds`), e.g. `spendable balance 0inj is smaller than
 * 64000000000000inj: insufficient funds: insufficient funds` when the fee cannot be paid.
 */
export class InsufficientFundsError extends ChainTxError {
  static readonly ABCI_CODE = 5;
  override readonly name = 'InsufficientFundsError';
  readonly code = 'INSUFFICIENT_FUNDS';

  /** The error `response` describes, or null when it is another failure. */
  static parse(response: TxResponseFailure): InsufficientFundsError | null {
    return isSdkError(response, InsufficientFundsError.ABCI_CODE) ? new InsufficientFundsError(response) : null;
  }
}

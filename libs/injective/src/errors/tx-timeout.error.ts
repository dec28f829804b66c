import { captureInteger, ChainTxError, isSdkError, type TxResponseFailure } from './chain-tx.error';

/**
 * sdk code 30 (`ErrTxTimeoutHeight`): `block height: 1001, timeout height: 1000: tx timeout
 * height`. The tx can never be included; the sequence was not consumed.
 */
export class TxTimeoutError extends ChainTxError {
  static readonly ABCI_CODE = 30;
  override readonly name = 'TxTimeoutError';
  readonly code = 'TX_TIMEOUT_HEIGHT';

  constructor(
    response: TxResponseFailure,
    /** chain height when the tx was checked, when the log says */
    readonly blockHeight: number | null,
    /** the tx's timeout height, when the log says */
    readonly timeoutHeight: number | null,
  ) {
    super(response);
  }

  /** The error `response` describes, or null when it is another failure. */
  static parse(response: TxResponseFailure): TxTimeoutError | null {
    if (!isSdkError(response, TxTimeoutError.ABCI_CODE)) return null;
    return new TxTimeoutError(
      response,
      captureInteger(response.raw_log, /block height: (\d+)/),
      captureInteger(response.raw_log, /timeout height: (\d+)/),
    );
  }
}

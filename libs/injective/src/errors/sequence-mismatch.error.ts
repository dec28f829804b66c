import { captureInteger, ChainTxError, isSdkError, type TxResponseFailure } from './chain-tx.error';

/**
 * sdk code 32 (`ErrWrongSequence`): `account sequence mismatch, expected 6, got 3: incorrect
 * account sequence`. Raised by the ante handler, so the sequence was not consumed: sign again with
 * `expected`.
 */
export class SequenceMismatchError extends ChainTxError {
  static readonly ABCI_CODE = 32;
  override readonly name = 'SequenceMismatchError';
  readonly code = 'SEQUENCE_MISMATCH';

  constructor(
    response: TxResponseFailure,
    /** the account's sequence on chain (check state), when the log says */
    readonly expected: number | null,
    /** the sequence the tx was signed with, when the log says */
    readonly got: number | null,
  ) {
    super(response);
  }

  /** The error `response` describes, or null when it is not a sequence mismatch. */
  static parse(response: TxResponseFailure): SequenceMismatchError | null {
    if (!isSdkError(response, SequenceMismatchError.ABCI_CODE)) return null;
    return new SequenceMismatchError(
      response,
      captureInteger(response.raw_log, /expected (\d+)/),
      captureInteger(response.raw_log, /got (\d+)/),
    );
  }
}

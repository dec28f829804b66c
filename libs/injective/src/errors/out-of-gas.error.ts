import { captureInteger, ChainTxError, isSdkError, type TxResponseFailure } from './chain-tx.error';

/**
 * sdk code 11 (`ErrOutOfGas`): `out of gas in location: WriteFlat; gasWanted: 200000, gasUsed:
 * 200543: out of gas`. Happens after the ante handler: sequence and fee are consumed.
 */
export class OutOfGasError extends ChainTxError {
  static readonly ABCI_CODE = 11;
  override readonly name = 'OutOfGasError';
  readonly code = 'OUT_OF_GAS';

  constructor(
    response: TxResponseFailure,
    /** gas limit of the tx, when the log says */
    readonly gasWanted: number | null,
    /** gas consumed when it ran out, when the log says */
    readonly gasUsed: number | null,
  ) {
    super(response);
  }

  /** The error `response` describes, or null when it is another failure. */
  static parse(response: TxResponseFailure): OutOfGasError | null {
    if (!isSdkError(response, OutOfGasError.ABCI_CODE)) return null;
    return new OutOfGasError(
      response,
      captureInteger(response.raw_log, /gasWanted: (\d+)/),
      captureInteger(response.raw_log, /gasUsed: (\d+)/),
    );
  }
}

import { captureInteger, ChainTxError, isSdkError, type TxResponseFailure } from './chain-tx.error';

/**
 * sdk code 4 (`ErrUnauthorized`), usually a bad signature: `signature verification failed; please
 * verify account number (1), sequence (5) and chain-id (injective-888): unauthorized`. Check the
 * account number and chain id the tx was signed for; the sequence was not consumed.
 */
export class UnauthorizedError extends ChainTxError {
  static readonly ABCI_CODE = 4;
  override readonly name = 'UnauthorizedError';
  readonly code = 'UNAUTHORIZED';

  constructor(
    response: TxResponseFailure,
    /** account number the chain verified against, when the log says */
    readonly accountNumber: number | null,
    /** sequence the chain verified against, when the log says */
    readonly sequence: number | null,
    /** chain id the chain verified against, when the log says */
    readonly chainId: string | null,
  ) {
    super(response);
  }

  /** The error `response` describes, or null when it is another failure. */
  static parse(response: TxResponseFailure): UnauthorizedError | null {
    if (!isSdkError(response, UnauthorizedError.ABCI_CODE)) return null;
    const chainId = /chain-id \(([^)]+)\)/.exec(response.raw_log ?? '')?.[1] ?? null;
    return new UnauthorizedError(
      response,
      captureInteger(response.raw_log, /account number \((\d+)\)/),
      captureInteger(response.raw_log, /sequence \((\d+)\)/),
      chainId,
    );
  }
}

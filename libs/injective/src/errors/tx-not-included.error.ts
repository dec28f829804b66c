import { InjectiveError } from './injective.error';

/**
 * A broadcast tx did not show up in a block within the wait. It may still land until its timeout
 * height passes: look it up by hash before signing anything with the same sequence.
 */
export class TxNotIncludedError extends InjectiveError {
  override readonly name = 'TxNotIncludedError';
  readonly code = 'TX_NOT_INCLUDED';

  constructor(
    readonly txHash: string,
    /** how long we polled, in milliseconds */
    readonly waitedMs: number,
    options?: { cause?: unknown },
  ) {
    super(`tx ${txHash} not included after ${waitedMs} ms`, options);
  }
}

import { InjectiveError } from './injective.error';

/**
 * A broadcast tx did not show up in a block within the wait. Without a `reason` it may still land
 * until its timeout height passes: look it up by hash before signing anything with the same
 * sequence. With one, the waiter's caller found that it never will.
 */
export class TxNotIncludedError extends InjectiveError {
  override readonly name = 'TxNotIncludedError';
  readonly code = 'TX_NOT_INCLUDED';
  /** why the tx will never be included, when the waiter's caller said so (`neverIncluded`) */
  readonly reason: string | null;

  constructor(
    readonly txHash: string,
    /** how long we polled, in milliseconds */
    readonly waitedMs: number,
    options?: { cause?: unknown; reason?: string },
  ) {
    super(`tx ${txHash} not included after ${waitedMs} ms${options?.reason ? `: ${options.reason}` : ''}`, options);
    this.reason = options?.reason ?? null;
  }
}

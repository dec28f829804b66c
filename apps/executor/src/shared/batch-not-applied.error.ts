/** A batch that certainly did nothing on chain (refused at broadcast, or never included). */
export class BatchNotAppliedError extends Error {
  readonly code = 'BATCH_NOT_APPLIED';

  constructor(
    reason: string,
    /** a later attempt may succeed (the same intents may be tried again before their deadline) */
    readonly retryable: boolean,
    /** the tx hash, when it was broadcast */
    readonly txHash: string | null = null,
    /** ms since epoch, when the node accepted it */
    readonly broadcastAt: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
    this.name = 'BatchNotAppliedError';
  }
}

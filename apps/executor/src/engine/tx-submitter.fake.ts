import type { BuiltBatch } from '../batch/batch-input.builder';
import type { MergedCreate } from '../batch/merged-batch.model';
import type { IncludedTx, TxSubmitter } from '../chain/tx.submitter';
import type { TxResult } from '@mirrorbook/injective/signing';
import type { AcceptedTx } from '../shared/tx-outcome-unknown.error';

/** What the fake submitter does with a tx: it lands in a block with `code` (0: applied), or the submit throws. */
export type SubmitAnswer = { readonly code: number } | Error;

/** What a look at a tx of unknown outcome finds: still nothing (`pending`), the tx in a block with `code`, or a throw. */
export type SettleAnswer = 'pending' | { readonly code: number } | Error;

/**
 * A submitter that signs and sends nothing: it records every tx, logs `submit creates …; cancels …;
 * cancelAll …`, and answers from `answers` (then: applied in block 100 + n as `TX<n>`).
 */
export class FakeTxSubmitter implements Pick<TxSubmitter, 'submit'> {
  /** every tx submitted, in order */
  readonly sent: BuiltBatch[] = [];
  /** the answers to the next submits, in order */
  readonly answers: SubmitAnswer[] = [];
  /** the answers to the next settles, in order (then: pending) */
  readonly settles: SettleAnswer[] = [];
  private held: Promise<void> | undefined;

  constructor(private readonly log: (line: string) => void) {}

  /** The order hash the fake chain gives the order of `cid`. */
  static orderHashOf(cid: string): string {
    return `0x${Buffer.from(cid).toString('hex').padEnd(64, '0')}`;
  }

  /** Keeps the next tx in flight (submitted, not yet in a block) until the returned function is called. */
  holdNextTx(): () => void {
    let release!: () => void;
    this.held = new Promise((resolve) => (release = resolve));
    return release;
  }

  /** An accepted tx as the submitter would hand it to a `TxOutcomeUnknownError` (the `n`th tx sent). */
  static accepted(n: number): AcceptedTx {
    return { txHash: `TX${n}`, txBytesBase64: '', sequence: 41 + n, timeoutHeight: 120 + n, broadcastAt: Date.now() };
  }

  async submit(built: BuiltBatch): Promise<IncludedTx> {
    this.sent.push(built);
    this.log(`submit ${describe(built)}`);
    const held = this.held;
    this.held = undefined;
    await held;
    const answer = this.answers.shift() ?? { code: 0 };
    if (answer instanceof Error) throw answer;
    return this.inBlock(built, this.sent.length, answer.code);
  }

  async settle(tx: AcceptedTx): Promise<IncludedTx | undefined> {
    this.log(`look up ${tx.txHash}`);
    const answer = this.settles.shift() ?? 'pending';
    if (answer instanceof Error) throw answer;
    if (answer === 'pending') return undefined;
    const n = Number(tx.txHash.slice(2));
    return this.inBlock(this.sent[n - 1]!, n, answer.code);
  }

  private inBlock(built: BuiltBatch, n: number, code: number): IncludedTx {
    // a tx that failed in its block did nothing; one that applied did everything it carried
    const ok = code === 0;
    const created = (creates: readonly MergedCreate[]) => (ok ? creates.map((c) => ({ orderHash: FakeTxSubmitter.orderHashOf(c.action.cid), failureCode: null })) : []);
    const result: TxResult = {
      txHash: `TX${n}`,
      height: 100 + n,
      code,
      codespace: ok ? '' : 'exchange',
      rawLog: ok ? '' : 'order would cross',
      gasWanted: 0,
      gasUsed: 0,
      createdOrderHashes: [],
      createdCids: [],
      failedCids: [],
      spotCreateResults: created(built.spotCreates),
      derivativeCreateResults: created(built.derivativeCreates),
      spotCancelSuccess: built.spotCancels.map(() => ok),
      derivativeCancelSuccess: built.derivativeCancels.map(() => ok),
      error: null,
      feePaid: [],
    };
    return { txHash: result.txHash, broadcastAt: Date.now(), includedAt: Date.now(), result };
  }
}

function describe(built: BuiltBatch): string {
  const parts: string[] = [];
  const creates = [...built.spotCreates, ...built.derivativeCreates].map((c) => c.action.cid);
  const cancels = [...built.spotCancels, ...built.derivativeCancels].map((c) => c.orderHash);
  if (creates.length > 0) parts.push(`creates ${creates.join(',')}`);
  if (cancels.length > 0) parts.push(`cancels ${cancels.join(',')}`);
  if (built.cancelAllMarkets.length > 0) parts.push(`cancelAll ${built.cancelAllMarkets.join(',')}`);
  return parts.join('; ');
}

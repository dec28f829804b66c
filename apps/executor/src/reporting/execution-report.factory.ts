import type { BatchIntent, ExecutionOutcome, ExecutionReport } from '@mirrorbook/contracts';

/** Fields of a report about a tx (broadcast or not). */
export interface TxReportFields {
  readonly intentIds: readonly string[];
  readonly outcome: ExecutionOutcome;
  readonly txHash: string | null;
  readonly height: number | null;
  readonly code: number | null;
  readonly codespace: string | null;
  readonly createdOrderHashes?: readonly string[];
  readonly cancelledOrderHashes?: readonly string[];
  readonly failed?: readonly { cid: string; reason: string }[];
  /** earliest planning time of the intents, ms since epoch */
  readonly plannedAt: number;
  /** ms since epoch, when broadcast was accepted */
  readonly broadcastAt: number | null;
  /** ms since epoch, when the tx was seen in a block */
  readonly includedAt: number | null;
  readonly error: string | null;
  /** a tx included in a block: its fee and the wallet's budget after it */
  readonly fees?: ExecutionReport['fees'];
}

/**
 * Builds every `ExecutionReport` the executor publishes: one per tx, and one per intent dropped
 * before broadcast (expired, superseded, rejected).
 */
export const executionReports = {
  /** The report of a tx (outcome `applied`, `unknown` or `failed`). */
  forTx(wallet: string, fields: TxReportFields, now: number): ExecutionReport {
    const since = (at: number | null) => (at === null ? null : Math.max(0, at - fields.plannedAt));
    return {
      v: 1,
      wallet,
      intentIds: [...fields.intentIds],
      outcome: fields.outcome,
      txHash: fields.txHash,
      height: fields.height,
      code: fields.code,
      codespace: fields.codespace,
      createdOrderHashes: [...(fields.createdOrderHashes ?? [])],
      cancelledOrderHashes: [...(fields.cancelledOrderHashes ?? [])],
      failed: [...(fields.failed ?? [])],
      latency: { toBroadcastMs: since(fields.broadcastAt), toInclusionMs: since(fields.includedAt) },
      error: fields.error,
      ...(fields.fees ? { fees: fields.fees } : {}),
      ts: now,
    };
  },

  /** The report of an intent (or some of its actions) dropped before broadcast. */
  forDropped(
    intent: BatchIntent,
    outcome: 'expired' | 'superseded' | 'rejected',
    error: string,
    now: number,
    failed: readonly { cid: string; reason: string }[] = [],
  ): ExecutionReport {
    return {
      v: 1,
      wallet: intent.wallet,
      intentIds: [intent.id],
      outcome,
      txHash: null,
      height: null,
      code: null,
      codespace: null,
      createdOrderHashes: [],
      cancelledOrderHashes: [],
      failed: [...failed],
      latency: { toBroadcastMs: null, toInclusionMs: null },
      error,
      ts: now,
    };
  },
};

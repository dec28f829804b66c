import { z } from 'zod';
import { decimalString, epochMs, hex32, walletId, safeCount } from '../primitives';
import { feeBudgetStateSchema } from '../redis-state.schema';

export const executionOutcome = z.enum([
  /** broadcast and included with code 0 (individual orders may still have failed: see `failed`) */
  'applied',
  /** refused by a pre-trade check; nothing broadcast */
  'rejected',
  /** its deadline passed before it could be broadcast */
  'expired',
  /** a newer intent for the same market replaced it */
  'superseded',
  /** broadcast failed or the tx failed on chain */
  'failed',
  /**
   * the node accepted the tx (`txHash` set) but it was neither seen in a block nor past its timeout
   * height when the executor stopped waiting (no block, lease lost): not a failure; a later report
   * on the same intents (`applied` or `failed`) settles it, and no new tx of the wallet goes out before
   */
  'unknown',
]);

/** The outcome of one broadcast, or of one dropped intent (`exec.report.<wallet>`). */
export const executionReportSchema = z
  .object({
    v: z.literal(1),
    wallet: walletId,
    /** intents this report covers (several are merged into one tx) */
    intentIds: z.array(z.string().min(1)).min(1),
    outcome: executionOutcome,
    /** upper-case hex, when broadcast */
    txHash: z.string().regex(/^[0-9A-F]{64}$/).nullable(),
    /** inclusion height, when included */
    height: safeCount.nullable(),
    /** chain result code; 0 = success */
    code: z.number().int().nullable(),
    codespace: z.string().nullable(),
    createdOrderHashes: z.array(hex32),
    cancelledOrderHashes: z.array(hex32),
    /** orders the chain or a pre-trade check refused, by client order id */
    failed: z.array(z.object({ cid: z.string(), reason: z.string() }).strict()),
    /** ms from intent publication to broadcast / to inclusion */
    latency: z
      .object({
        toBroadcastMs: z.number().nonnegative().nullable(),
        toInclusionMs: z.number().nonnegative().nullable(),
      })
      .strict(),
    /** human-readable reason when not applied */
    error: z.string().nullable(),
    /** a tx included in a block: the fee it paid and the wallet's spend and budget state after it */
    fees: z
      .object({
        /** INJ this tx paid (gas limit × gas price) */
        txInj: decimalString,
        /** INJ the wallet paid on the UTC day, this tx included */
        todayInj: decimalString,
        budget: feeBudgetStateSchema,
        /** why the budget state is not `normal`; null when normal */
        budgetReason: z.string().max(300).nullable(),
      })
      .strict()
      .optional(),
    ts: epochMs,
  })
  .strict();

export type ExecutionOutcome = z.infer<typeof executionOutcome>;
export type ExecutionReport = z.infer<typeof executionReportSchema>;

/**
 * Endings of a report's `error` telling that more reports follow for the same intents (the
 * contract has no field for it yet): consumers looking for an intent's last report skip these.
 */
export const reportMarkers = {
  /** the batch failed and its intents will be sent again */
  willRetry: '; will retry',
  /** a partial rejection or supersession: the rest of the intent goes ahead */
  restGoesAhead: '; the rest of the intent goes ahead',
} as const;

/**
 * False for a report after which more reports follow for the same intents: an `unknown` outcome
 * (the report that settles the tx follows), or an `error` ending with a marker.
 */
export function isFinalReport(report: Pick<ExecutionReport, 'error'> & Partial<Pick<ExecutionReport, 'outcome'>>): boolean {
  if (report.outcome === 'unknown') return false;
  return !Object.values(reportMarkers).some((marker) => report.error?.endsWith(marker));
}

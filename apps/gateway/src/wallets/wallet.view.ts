import { z } from 'zod';
import { storedBalancesSchema, walletId } from '@mirrorbook/contracts';
import { feeReportSchema } from '@mirrorbook/market';
import { executorSummarySchema } from '../services/service.view';

/** A configured wallet, its executor, balances and fees (`GET /api/wallets`). Never any key material. */
export const walletViewSchema = z.object({
  id: walletId,
  label: z.string(),
  /** chain address announced by its executor's heartbeat; null until one was heard */
  address: z.string().nullable(),
  subaccountId: z.string().nullable(),
  /** the executor in charge (running before standby, fresh before stale) */
  executor: executorSummarySchema.nullable(),
  /** every executor instance that announced this wallet */
  executors: z.array(executorSummarySchema),
  /** `balances:<wallet>` as the executor stored it; null when absent */
  balances: storedBalancesSchema.nullable(),
  /** `fees:<wallet>`: spent today, pace, runway and daily budget state with its reason; `status` missing or invalid (refused, shown as unavailable) otherwise */
  fees: feeReportSchema,
  bots: z.array(z.string()),
});

export type WalletView = z.infer<typeof walletViewSchema>;

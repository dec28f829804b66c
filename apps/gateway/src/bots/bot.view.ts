import { z } from 'zod';
import { botId, botRunState, epochMs, marketKey, positiveDecimalString, signedDecimalString, storedBalancesSchema, storedOrderSchema, walletId } from '@mirrorbook/contracts';
import { feeReportSchema } from '@mirrorbook/market';
import { executorSummarySchema } from '../services/service.view';

/** One of a bot's markets with its two prices. */
export const botMarketSchema = z.object({
  key: marketKey,
  type: z.enum(['spot', 'derivative']),
  /** mainnet reference mid, quote per base */
  reference: positiveDecimalString.nullable(),
  /** testnet mid, quote per base */
  trading: positiveDecimalString.nullable(),
  /** (trading − reference) / reference, percent */
  gapPct: signedDecimalString.nullable(),
  /** testnet relative to mainnet */
  direction: z.enum(['above', 'below', 'level']).nullable(),
  /** why the wallet's executor in charge does not trade this market (the chain could not give its metadata); null when it trades */
  unavailable: z.string().nullable(),
});

/** A bot as the dashboard shows it (`GET /api/bots`, WS topic `bots`). */
export const botViewSchema = z.object({
  id: botId,
  wallet: z.object({ id: walletId, label: z.string(), address: z.string().nullable() }),
  /** spot, perp (all derivatives) or mixed */
  kind: z.enum(['spot', 'perp', 'mixed']),
  markets: z.array(botMarketSchema),
  /** what the operator wants */
  desired: botRunState,
  /**
   * `redis` = set through the gateway; `config` = no `bot:<id>` yet and `bots:bootstrap` is there, so
   * config `enabled` decides; `none` = neither: stopped (no record), fail closed
   */
  source: z.enum(['redis', 'config', 'none']),
  /** who last changed it */
  by: z.string(),
  /** when, ms since epoch (0 for the config default) */
  updatedAt: epochMs,
  enabledInConfig: z.boolean(),
  /** live parameter overrides (`bot:<id>`.params) */
  overrides: z.record(z.string(), z.unknown()),
  /** the bot's overrides from config/bots.json */
  configParams: z.record(z.string(), z.unknown()),
  /** parameters in force per market: defaults ← market ← bot ← live overrides */
  effectiveParams: z.record(z.string(), z.record(z.string(), z.unknown())),
  /** the wallet's executor in charge, from heartbeats */
  executor: executorSummarySchema.nullable(),
  balances: storedBalancesSchema.nullable(),
  /** the wallet's `fees:<wallet>`: a `paused` budget stops the bot's orders whatever `desired` says (reason in `record.budget.reason`) */
  fees: feeReportSchema,
});

/** `GET /api/bots/:id/orders` */
export const botOrdersSchema = z.object({
  bot: botId,
  wallet: walletId,
  markets: z.array(
    z.object({
      market: marketKey,
      /** open orders, highest price first */
      orders: z.array(storedOrderSchema),
      /** entries of `orders:<wallet>:<mk>` that failed their schema and were left out */
      invalid: z.number().int().nonnegative(),
    }),
  ),
});

export type BotMarket = z.infer<typeof botMarketSchema>;
export type BotView = z.infer<typeof botViewSchema>;
export type BotOrders = z.infer<typeof botOrdersSchema>;

import { z } from 'zod';
import { appName, epochMs, heartbeatSchema, serviceState } from '@mirrorbook/contracts';

/** One service instance as seen through its heartbeats (`GET /api/services`, WS topic `services`). */
export const serviceViewSchema = z.object({
  app: appName,
  instance: z.string(),
  version: z.string(),
  state: serviceState,
  /** ms since its last heartbeat reached this gateway */
  ageMs: z.number().int().nonnegative(),
  /** no heartbeat for 3 heartbeat intervals */
  stale: z.boolean(),
  /** seconds since the process started, as of its last heartbeat */
  uptimeS: z.number().nonnegative(),
  /** resident set size, bytes, as of its last heartbeat */
  rssBytes: z.number().int().nonnegative(),
  wallet: heartbeatSchema.shape.wallet,
  /** executors: the markets they set aside (the chain could not give their metadata), market key → reason */
  unavailableMarkets: heartbeatSchema.shape.unavailableMarkets,
  details: heartbeatSchema.shape.details,
  /** when its last heartbeat arrived, ms since epoch */
  lastSeen: epochMs,
});

/** `GET /api/services` */
export const servicesResponseSchema = z.object({
  /** HEARTBEAT_INTERVAL_MS */
  intervalMs: z.number().int().positive(),
  /** an instance is stale after this many ms without a heartbeat */
  staleAfterMs: z.number().int().positive(),
  services: z.array(serviceViewSchema),
});

/** The executor of a wallet, summarised for wallet and bot views. */
export const executorSummarySchema = serviceViewSchema.pick({ instance: true, state: true, stale: true, ageMs: true, uptimeS: true });

export type ServiceView = z.infer<typeof serviceViewSchema>;
export type ServicesResponse = z.infer<typeof servicesResponseSchema>;
export type ExecutorSummary = z.infer<typeof executorSummarySchema>;

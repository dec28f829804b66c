import { z } from 'zod';
import { epochMs, marketKey, safeCount, walletId } from '../primitives';

export const appName = z.enum(['price-feed', 'strategy', 'executor', 'gateway', 'injective-sim', 'cli']);

export const serviceState = z.enum(['starting', 'running', 'standby', 'paused', 'stopping', 'stopped']);

/** Liveness of one service instance (`svc.heartbeat.<app>.<instance>`), every 5 s. */
export const heartbeatSchema = z
  .object({
    v: z.literal(1),
    app: appName,
    /** unique per process, e.g. `<hostname>-<pid>` */
    instance: z.string().regex(/^[A-Za-z0-9_-]+$/),
    version: z.string().min(1),
    state: serviceState,
    /** seconds since the process started */
    uptimeS: z.number().nonnegative(),
    /** resident set size, bytes */
    rssBytes: safeCount,
    /** executors only: the wallet they sign for (never the key) */
    wallet: z
      .object({ id: walletId, address: z.string(), subaccountId: z.string() })
      .strict()
      .optional(),
    /** executors only: markets set aside because the chain could not give their metadata (they do not trade), market key → reason */
    unavailableMarkets: z.record(marketKey, z.string()).optional(),
    /** service-specific facts worth showing (no secrets) */
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    ts: epochMs,
  })
  .strict();

export type AppName = z.infer<typeof appName>;
export type ServiceState = z.infer<typeof serviceState>;
export type Heartbeat = z.infer<typeof heartbeatSchema>;

import { z } from 'zod';
import { marketQualitySchema } from '@mirrorbook/contracts';

// The `--json` contract of each mirrorbook command, as a consumer (a script, CI) relies on it.
// Decimals are plain strings; unknown values are null, never absent.

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a plain decimal string');
const hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/);
const network = z.enum(['sim', 'testnet', 'mainnet']);
const injAddress = z.string().regex(/^inj1[02-9ac-hj-np-z]{38}$/);

/** A wallet's `fees:<wallet>` as a report: the record when valid, the lines a human reads either way. */
const feeReport = z
  .object({
    status: z.enum(['ok', 'missing', 'invalid']),
    record: z
      .object({
        v: z.literal(1),
        ts: z.number().int(),
        day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        todayInj: decimal,
        txsToday: z.number().int().nonnegative(),
        perDayInj: decimal.nullable(),
        availableInj: decimal.nullable(),
        reserveInj: decimal,
        feeDenom: z.string().min(1),
        runwayDays: decimal.nullable(),
        budget: z.object({ dailyInj: decimal, slowAtPct: z.number(), state: z.enum(['normal', 'slow', 'paused']), reason: z.string().nullable() }).strict(),
      })
      .strict()
      .nullable(),
    invalid: z.string().nullable(),
    lines: z.array(z.string()).min(1),
    summary: z.string(),
  })
  .strict();

export const balancesOutput = z
  .object({
    network,
    wallets: z.array(
      z
        .object({
          wallet: z.string(),
          address: injAddress.nullable(),
          subaccountId: z.string().regex(/^0x[0-9a-f]{64}$/).nullable(),
          addressSource: z.enum(['option', 'key', 'env', 'heartbeat']).nullable(),
          balances: z.array(
            z.object({ denom: z.string(), symbol: z.string(), bank: decimal.nullable(), spendable: decimal, available: decimal.nullable(), total: decimal.nullable() }).strict(),
          ),
          unknownDenoms: z.array(z.string()),
          /** null for an `--address` without `--wallet`, or when Redis could not be read */
          fees: feeReport.nullable(),
        })
        .strict(),
    ),
  })
  .strict();

export const ordersOutput = z
  .object({
    network,
    orders: z.array(
      z
        .object({
          wallet: z.string(),
          address: injAddress,
          market: z.string(),
          marketId: hex32,
          orderHash: hex32,
          cid: z.string().nullable(),
          side: z.enum(['buy', 'sell']),
          price: decimal,
          quantity: decimal,
          originalQuantity: decimal,
          reference: decimal.nullable(),
          distancePct: decimal.nullable(),
          createdAt: z.number().int().nullable(),
          ageMs: z.number().int().nonnegative().nullable(),
        })
        .strict(),
    ),
  })
  .strict();

export const positionsOutput = z
  .object({
    network,
    positions: z.array(
      z
        .object({
          wallet: z.string(),
          address: injAddress,
          market: z.string().nullable(),
          marketId: hex32,
          side: z.enum(['long', 'short']),
          quantity: decimal,
          entryPrice: decimal,
          markPrice: decimal.nullable(),
          margin: decimal,
          notional: decimal.nullable(),
          unrealizedPnl: decimal.nullable(),
          marginRatioPct: decimal.nullable(),
          maintenanceMarginRatioPct: decimal.nullable(),
          belowMaintenance: z.boolean().nullable(),
        })
        .strict(),
    ),
  })
  .strict();

export const cancelOutput = z
  .object({
    network,
    wallet: z.string(),
    address: injAddress.nullable(),
    dryRun: z.boolean(),
    lease: z.object({ held: z.boolean(), holder: z.string().nullable(), ttlMs: z.number().int().nullable() }).strict().nullable(),
    orders: z.array(z.object({ market: z.string(), marketId: hex32, orderHash: hex32, side: z.enum(['buy', 'sell']), price: decimal, quantity: decimal }).strict()),
    batches: z.array(
      z
        .object({
          index: z.number().int().positive(),
          orders: z.number().int().positive(),
          txHash: z.string().regex(/^[0-9A-F]{64}$/).nullable(),
          height: z.number().int().nullable(),
          cancelled: z.number().int().nullable(),
          notFound: z.number().int().nullable(),
        })
        .strict(),
    ),
    cancelled: z.number().int().nullable(),
    notFound: z.number().int().nullable(),
    error: z.string().nullable(),
  })
  .strict();

export const closePositionsOutput = z
  .object({
    network,
    wallet: z.string(),
    dryRun: z.boolean(),
    slippagePct: decimal,
    orders: z.array(
      z
        .object({
          market: z.string().nullable(),
          marketId: hex32,
          positionSide: z.enum(['long', 'short']),
          positionQuantity: decimal,
          markPrice: decimal.nullable(),
          side: z.enum(['buy', 'sell']).nullable(),
          price: decimal.nullable(),
          quantity: decimal.nullable(),
          remainder: decimal.nullable(),
          skipped: z.string().nullable(),
          orderHash: hex32.nullable(),
          failureCode: z.number().int().nullable(),
        })
        .strict(),
    ),
    tx: z.object({ txHash: z.string().regex(/^[0-9A-F]{64}$/), height: z.number().int() }).strict().nullable(),
    error: z.string().nullable(),
  })
  .strict();

const depthBand = z
  .object({ withinPct: z.enum(['1', '2', '5']), bidQuantity: decimal, askQuantity: decimal, bidNotional: decimal, askNotional: decimal, levels: z.number().int().nonnegative() })
  .strict();
const compareSide = z
  .object({
    marketId: hex32,
    mid: decimal.nullable(),
    bestBid: decimal.nullable(),
    bestAsk: decimal.nullable(),
    spreadPct: decimal.nullable(),
    bidLevels: z.number().int().nonnegative(),
    askLevels: z.number().int().nonnegative(),
    depth: z.array(depthBand),
  })
  .strict();

const ratioPair = z.object({ bids: decimal.nullable(), asks: decimal.nullable() }).strict();
const compareQuality = z
  .object({
    trackingErrorBps: decimal.nullable(),
    spreadRatio: decimal.nullable(),
    depth: z.array(z.object({ bandBps: z.number().int().positive(), depthRatio: ratioPair }).strict()),
    uptime: z.object({ aggregate: z.boolean(), perOrder: z.boolean() }).strict().nullable(),
    rule: z.object({ maxSpreadBps: decimal, minDepth: decimal }).strict(),
    depthScale: decimal.nullable(),
  })
  .strict();

export const compareOutput = z
  .object({
    network,
    maxGapPct: decimal.nullable(),
    ok: z.boolean(),
    markets: z.array(
      z
        .object({
          market: z.string(),
          type: z.enum(['spot', 'derivative']),
          gapPct: decimal.nullable(),
          exceedsMaxGap: z.boolean(),
          error: z.string().nullable(),
          mainnet: compareSide.nullable(),
          testnet: compareSide.nullable(),
          quality: compareQuality.nullable(),
          // the gateway's md.quality.<mk> payload from Redis quality:<mk>, as is; null with the reason when absent
          window: marketQualitySchema.nullable(),
          windowReason: z.string().min(1).nullable(),
        })
        .strict()
        .refine((m) => (m.window === null) !== (m.windowReason === null), 'exactly one of window and windowReason'),
    ),
  })
  .strict();

export const healthOutput = z
  .object({
    network,
    healthy: z.boolean(),
    /** some check warns (a paused fee budget, a standby executor): still healthy, exit 0 */
    degraded: z.boolean(),
    summary: z.object({ ok: z.number().int(), warn: z.number().int(), down: z.number().int() }).strict(),
    listenedMs: z.number().int().positive(),
    checks: z.array(
      z.object({ kind: z.enum(['infra', 'lcd', 'service', 'feed', 'fees']), name: z.string(), status: z.enum(['ok', 'warn', 'down']), detail: z.string() }).strict(),
    ),
    instances: z.array(
      z
        .object({ app: z.string(), instance: z.string(), state: z.string(), version: z.string(), uptimeS: z.number(), wallet: z.string().nullable() })
        .strict(),
    ),
  })
  .strict();

export const walletNewOutput = z
  .object({
    address: injAddress,
    ethAddress: z.string().regex(/^0x[0-9a-f]{40}$/),
    subaccountId: z.string().regex(/^0x[0-9a-f]{64}$/),
    keyFile: z.string().nullable(),
    privateKey: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  })
  .strict();

export const configCheckOutput = z
  .object({
    ok: z.boolean(),
    problems: z.array(z.string()),
    warnings: z.array(z.string()),
    configDir: z.string(),
    network: z.enum(['sim', 'testnet']).nullable(),
    counts: z.object({ markets: z.number().int(), wallets: z.number().int(), bots: z.number().int() }).strict().nullable(),
    wallets: z.array(
      z.object({ wallet: z.string(), key: z.enum(['absent', 'ok', 'invalid']), variable: z.string().nullable(), address: z.string().nullable() }).strict(),
    ),
  })
  .strict();

export const preflightOutput = z
  .object({
    network,
    ok: z.boolean(),
    maxMarkDistancePct: decimal,
    checks: z.array(z.object({ name: z.string().min(1), ok: z.boolean(), detail: z.string() }).strict()),
    failed: z.array(z.string()),
  })
  .strict();

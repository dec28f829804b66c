import { z } from 'zod';
import { epochMs, hex32, positiveDecimalString, decimalString, signedDecimalString, side, safeCount } from './primitives';

/** Redis keys (docs/architecture.md#redis-keys), with the latest market data kept for late joiners. */
export const redisKeys = {
  /** JSON BotState: desired state and parameter overrides (gateway; absent: stopped, or the config default once `bots:bootstrap` is there) */
  bot: (botId: string) => `bot:${botId}`,
  /**
   * JSON BotsBootstrap: the config defaults were applied on purpose (gateway `POST /api/bots/bootstrap`);
   * without it a bot with no `bot:<id>` is stopped
   */
  botsBootstrap: () => 'bots:bootstrap',
  /** the active executor's holder value (instance id:pid:nonce), with TTL */
  executorLease: (wallet: string) => `lease:executor:${wallet}`,
  /** the unique holder value of the live process started with this instance id (executor; short TTL, renewed) */
  executorInstance: (wallet: string, instance: string) => `instance:executor:${wallet}:${instance}`,
  /** the wallet id whose executors sign for this address (short TTL, renewed): a second wallet id with the same key is refused */
  executorAddress: (address: string) => `address:executor:${address}`,
  /** INCR'd on each lease acquisition: the fencing token */
  executorFence: (wallet: string) => `fence:executor:${wallet}`,
  /** hash {fence, value}: last used account sequence, written under the fence */
  sequence: (wallet: string) => `seq:${wallet}`,
  /** hash orderHash -> JSON StoredOrder: the wallet's open orders on that market */
  orders: (wallet: string, market: string) => `orders:${wallet}:${market}`,
  /** "1" with a TTL: an intent a tx of the wallet applied, so a replay of it is refused (executor) */
  appliedIntent: (wallet: string, intentId: string) => `applied:${wallet}:${intentId}`,
  /** JSON StoredBalances */
  balances: (wallet: string) => `balances:${wallet}`,
  /** JSON StoredPositions (derivatives) */
  positions: (wallet: string) => `positions:${wallet}`,
  /** JSON StoredFees: the wallet's fee meter and budget state (executor; read by strategy, gateway, cli) */
  fees: (wallet: string) => `fees:${wallet}`,
  /** hash {index, stage, bookSeq, updatedAt}: a bot's planning cycle on a market (strategy workers) */
  strategyCycle: (botId: string, market: string) => `strategy:cycle:${botId}:${market}`,
  /** JSON PriceTick: the latest price per role and market */
  latestPrice: (role: 'reference' | 'trading', market: string) => `md:price:${role}:${market}`,
  /** JSON BookSnapshot: the latest trading book per market */
  latestBook: (market: string) => `md:book:${market}`,
  /** JSON BookSnapshot (`role: 'reference'`): the latest reference (mainnet) book per market, levels within 5 % of its mid */
  latestRefBook: (market: string) => `md:refbook:${market}`,
  /** JSON FeedStatus: the latest feed status per market */
  latestStatus: (market: string) => `md:status:${market}`,
  /**
   * JSON MarketQuality: the gateway's latest `md.quality.<mk>` payload, expiring after
   * QUALITY_KEY_TTL_WINDOWS × its window so a stopped gateway's figures age out (read by `mirrorbook compare`)
   */
  latestQuality: (market: string) => `quality:${market}`,
  /** hash {tokens, at}: the machine-wide request bucket of one upstream host (`kind` lcd; host = host:port) */
  rateLimit: (kind: 'lcd', host: string) => `ratelimit:${kind}:${host}`,
};

/** How many quality windows (QUALITY_WINDOW_MS) `quality:<mk>` outlives the gateway's last write. */
export const QUALITY_KEY_TTL_WINDOWS = 3;

/** One open order of a wallet as the executor keeps it in `orders:<wallet>:<mk>`. */
export const storedOrderSchema = z
  .object({
    orderHash: hex32,
    cid: z.string().nullable(),
    side,
    /** quote per base */
    price: positiveDecimalString,
    /** remaining quantity, base units */
    quantity: positiveDecimalString,
    /** when the executor saw it created, ms since epoch */
    createdAt: epochMs,
    height: safeCount.nullable(),
  })
  .strict();

/** `balances:<wallet>`: per denom, human units, with the height they were read at. */
export const storedBalancesSchema = z
  .object({
    height: safeCount,
    ts: epochMs,
    balances: z.record(
      z.string(),
      z.object({ symbol: z.string(), available: decimalString, total: decimalString }).strict(),
    ),
  })
  .strict();

/** `positions:<wallet>`: per market key, the signed net position (base units; negative = short). */
export const storedPositionsSchema = z
  .object({
    height: safeCount,
    ts: epochMs,
    positions: z.record(
      z.string(),
      z.object({ quantity: signedDecimalString, entryPrice: decimalString, margin: decimalString }).strict(),
    ),
  })
  .strict();

/** Where a wallet stands against its daily fee budget: `slow` from `slowAtPct`, `paused` at 100 %. */
export const feeBudgetStateSchema = z.enum(['normal', 'slow', 'paused']);

/**
 * `fees:<wallet>`: what the wallet paid in gas (human INJ), its pace and runway, and its daily
 * budget state; written by the executor after every included tx and with every balance read.
 */
export const storedFeesSchema = z
  .object({
    v: z.literal(1),
    /** when it was written, ms since epoch */
    ts: epochMs,
    /** the UTC day `todayInj` counts, YYYY-MM-DD: the budget resets at 00:00 UTC */
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** INJ paid in fees on `day` */
    todayInj: decimalString,
    /** txs that paid a fee on `day` */
    txsToday: safeCount,
    /** INJ a day at the pace of the last hour; null before a minute of data */
    perDayInj: decimalString.nullable(),
    /** INJ in the bank the wallet may spend on gas, before the reserve; null before the first balance read */
    availableInj: decimalString.nullable(),
    /** INJ kept back for gas (EXEC_GAS_RESERVE_INJ): no order may hold it */
    reserveInj: decimalString,
    /** the bank denom fees are paid in (`inj`), the one the reserve is kept of */
    feeDenom: z.string().min(1).max(128),
    /** days until (available − reserve) is gone at `perDayInj`; null while nothing is spent */
    runwayDays: decimalString.nullable(),
    budget: z
      .object({
        /** INJ a day the wallet may spend in fees */
        dailyInj: decimalString,
        /** percent of `dailyInj` from which the wallet's bots slow down */
        slowAtPct: z.number().min(0).max(100),
        state: feeBudgetStateSchema,
        /** why the state is not `normal`, one line; null when normal */
        reason: z.string().max(300).nullable(),
      })
      .strict(),
  })
  .strict();

/** `bots:bootstrap`: written once by an explicit step, never because it is missing (that would fail open after a data loss). */
export const botsBootstrapSchema = z
  .object({
    v: z.literal(1),
    /** when it was written, ms since epoch */
    at: epochMs,
    /** who wrote it: `gateway`, `test-harness` */
    by: z.string().min(1).max(64),
  })
  .strict();

export type BotsBootstrap = z.infer<typeof botsBootstrapSchema>;
export type StoredOrder = z.infer<typeof storedOrderSchema>;
export type StoredBalances = z.infer<typeof storedBalancesSchema>;
export type StoredPositions = z.infer<typeof storedPositionsSchema>;
export type StoredFees = z.infer<typeof storedFeesSchema>;
export type FeeBudgetState = z.infer<typeof feeBudgetStateSchema>;

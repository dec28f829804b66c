import type Decimal from 'decimal.js';
import type { AppConfig } from '@mirrorbook/config';
import { Dec } from '@mirrorbook/market';

/** Injection token of the executor's `ExecutorSettings`. */
export const EXECUTOR_SETTINGS = Symbol('EXECUTOR_SETTINGS');

/** Limits the pre-trade checks enforce (docs/architecture.md#pre-trade-checks). */
export interface PreTradeLimits {
  /** largest distance from the reference, percent */
  readonly bandPct: Decimal;
  /** the widest band, however far the measured testnet gap, percent */
  readonly movingBandPct: Decimal;
  /** the measured testnet gap above which the band widens to gap + `bandPct`, percent */
  readonly marketMovingGapPct: Decimal;
  /** a reference price older than this is not trusted, ms */
  readonly referenceMaxAgeMs: number;
  /** a testnet price older than this is not trusted, ms */
  readonly tradingPriceMaxAgeMs: number;
  /** largest order quantity as a multiple of the bot's configured baseSize, where the market sets none */
  readonly maxOrderSizeMultiple: Decimal;
  /** largest notional of one order, quote units, where the market sets none */
  readonly maxOrderNotional: Decimal;
  /** the rolling window of the taker caps, ms */
  readonly windowMs: number;
  /** largest taker notional per market and window, quote units, where the market sets none */
  readonly maxTakerNotional: Decimal;
  /** largest |net| taker notional per market and window, quote units, where the market sets none */
  readonly maxNetTakerNotional: Decimal;
  /** largest notional of all creates of one tx, quote units */
  readonly maxBatchNotional: Decimal;
  /** fee-denom (INJ) balance no order may hold: it pays the gas */
  readonly gasReserve: Decimal;
}

/** The executor's knobs, read once from the validated environment. */
export interface ExecutorSettings {
  readonly walletId: string;
  readonly leaseTtlMs: number;
  readonly sequenceRefreshMs: number;
  readonly sequenceMaxDrift: number;
  readonly sequenceRetryDelayMs: number;
  readonly reconcileIntervalMs: number;
  /** market metadata is read again this often (at the next reconciliation), ms */
  readonly marketRefreshMs: number;
  /** how often every bot's record is read again, ms */
  readonly botStateResyncMs: number;
  readonly orphanPolicy: 'cancel' | 'adopt';
  readonly breakerFailures: number;
  readonly breakerCooldownMs: number;
  readonly breakerMaxCooldownMs: number;
  readonly limits: PreTradeLimits;
  readonly maxOrdersPerTx: number;
  /** most creates and cancels one intent may carry (never above `maxOrdersPerTx`) */
  readonly maxActionsPerIntent: number;
  readonly txTimeoutBlocks: number;
  readonly batchWindowMs: number;
  readonly inclusionPollMs: number;
  /** an accepted tx followed this long without a new block has an unknown outcome */
  readonly inclusionWaitMs: number;
  /** gas = simulated gas × this, when fixed gas is off (decimal string) */
  readonly gasMargin: string;
  readonly chainParamsRefreshMs: number;
  readonly cancelAllOnShutdown: boolean;
  readonly allowMainnetTrading: boolean;
  readonly shutdownTimeoutMs: number;
  /** reports and order events held while NATS refuses them */
  readonly outboxCapacity: number;
}

/** The executor's settings from the validated configuration of `walletId`. */
export function executorSettings(config: AppConfig, walletId: string): ExecutorSettings {
  const env = config.env;
  return {
    walletId,
    leaseTtlMs: env.EXEC_LEASE_TTL_MS,
    sequenceRefreshMs: env.EXEC_SEQUENCE_REFRESH_MS,
    sequenceMaxDrift: env.EXEC_SEQUENCE_MAX_DRIFT,
    sequenceRetryDelayMs: env.EXEC_SEQUENCE_RETRY_DELAY_MS,
    reconcileIntervalMs: env.EXEC_RECONCILE_INTERVAL_MS,
    marketRefreshMs: env.EXEC_MARKET_REFRESH_MS,
    botStateResyncMs: env.EXEC_BOT_STATE_RESYNC_MS,
    orphanPolicy: env.EXEC_ORPHAN_POLICY,
    breakerFailures: env.EXEC_BREAKER_FAILURES,
    breakerCooldownMs: env.EXEC_BREAKER_COOLDOWN_MS,
    breakerMaxCooldownMs: Math.max(env.EXEC_BREAKER_MAX_COOLDOWN_MS, env.EXEC_BREAKER_COOLDOWN_MS),
    limits: {
      bandPct: new Dec(env.EXEC_PRICE_BAND_PCT),
      movingBandPct: new Dec(env.EXEC_PRICE_BAND_MOVING_PCT),
      marketMovingGapPct: new Dec(env.EXEC_MARKET_MOVING_GAP_PCT),
      referenceMaxAgeMs: env.EXEC_REFERENCE_MAX_AGE_MS,
      tradingPriceMaxAgeMs: env.EXEC_TRADING_PRICE_MAX_AGE_MS,
      maxOrderSizeMultiple: new Dec(env.EXEC_MAX_ORDER_SIZE_MULTIPLE),
      maxOrderNotional: new Dec(env.EXEC_MAX_ORDER_NOTIONAL),
      windowMs: env.EXEC_LIMIT_WINDOW_MS,
      maxTakerNotional: new Dec(env.EXEC_MAX_TAKER_NOTIONAL),
      maxNetTakerNotional: new Dec(env.EXEC_MAX_NET_TAKER_NOTIONAL),
      maxBatchNotional: new Dec(env.EXEC_MAX_BATCH_NOTIONAL),
      gasReserve: new Dec(env.EXEC_GAS_RESERVE_INJ),
    },
    maxOrdersPerTx: env.EXEC_MAX_ORDERS_PER_TX,
    maxActionsPerIntent: Math.min(env.EXEC_MAX_ACTIONS_PER_INTENT, env.EXEC_MAX_ORDERS_PER_TX),
    txTimeoutBlocks: env.EXEC_TX_TIMEOUT_BLOCKS,
    batchWindowMs: env.EXEC_BATCH_WINDOW_MS,
    inclusionPollMs: env.EXEC_INCLUSION_POLL_MS,
    inclusionWaitMs: env.EXEC_INCLUSION_WAIT_MS,
    gasMargin: env.EXEC_GAS_MARGIN,
    chainParamsRefreshMs: env.EXEC_CHAIN_PARAMS_REFRESH_MS,
    cancelAllOnShutdown: env.EXEC_CANCEL_ALL_ON_SHUTDOWN,
    allowMainnetTrading: env.ALLOW_MAINNET_TRADING,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    outboxCapacity: env.EXEC_OUTBOX_MAX,
  };
}

import type Decimal from 'decimal.js';
import type { ExecutorMarketLimits } from '@mirrorbook/config';
import { Dec, toDecimalString } from '@mirrorbook/market';
import type { PreTradeLimits } from '../settings/executor.settings';

/** The executor's caps on one bot's orders on one market, from configuration alone. */
export interface MarketLimits {
  /** base units */
  readonly maxOrderQuantity: Decimal;
  /** where `maxOrderQuantity` comes from, for refusal reasons */
  readonly maxOrderQuantitySource: string;
  /** quote units */
  readonly maxOrderNotional: Decimal;
  /** taker notional per window, quote units */
  readonly maxTakerNotional: Decimal;
  /** |buys − sells| taker notional per window, quote units */
  readonly maxNetTakerNotional: Decimal;
  /** derivatives: |position + every resting order of a side + the new one|, base units */
  readonly maxNetPosition: Decimal;
  /** where `maxNetPosition` comes from, for refusal reasons */
  readonly maxNetPositionSource: string;
}

/** A bot's sizes on a market from the config files alone (never a live edit), base units. */
export interface ConfiguredSizes {
  readonly configuredBaseSize: Decimal;
  readonly configuredMaxNetPosition: Decimal;
}

/**
 * A market's caps: its `executorLimits` in config/markets.json, else the EXEC_* defaults (the
 * quantity: EXEC_MAX_ORDER_SIZE_MULTIPLE × the baseSize of the config files; the net position: the
 * maxNetPosition of the config files; never a live edit). Pure.
 */
export function marketLimitsOf(limits: PreTradeLimits, configured: ExecutorMarketLimits, sizes: ConfiguredSizes): MarketLimits {
  const quantity = configured.maxOrderQuantity
    ? { value: new Dec(configured.maxOrderQuantity), source: 'executorLimits.maxOrderQuantity' }
    : {
        value: sizes.configuredBaseSize.mul(limits.maxOrderSizeMultiple),
        source: `${toDecimalString(limits.maxOrderSizeMultiple)} × configured baseSize ${toDecimalString(sizes.configuredBaseSize)}`,
      };
  const position = configured.maxNetPosition
    ? { value: new Dec(configured.maxNetPosition), source: 'executorLimits.maxNetPosition' }
    : { value: sizes.configuredMaxNetPosition, source: 'configured maxNetPosition' };
  return {
    maxOrderQuantity: quantity.value,
    maxOrderQuantitySource: quantity.source,
    maxNetPosition: position.value,
    maxNetPositionSource: position.source,
    maxOrderNotional: configured.maxOrderNotional ? new Dec(configured.maxOrderNotional) : limits.maxOrderNotional,
    maxTakerNotional: configured.maxTakerNotional ? new Dec(configured.maxTakerNotional) : limits.maxTakerNotional,
    maxNetTakerNotional: configured.maxNetTakerNotional ? new Dec(configured.maxNetTakerNotional) : limits.maxNetTakerNotional,
  };
}

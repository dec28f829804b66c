import { ZodError, type ZodIssue } from 'zod';
import { resolveStrategyParams, type StrategyParams, type StrategyParamsOverride } from '@mirrorbook/contracts';
import type { BotEntry } from './bots-file.schema';
import type { MarketPair } from './markets-file.schema';

/** A bot's parameters in force on one market, and whether its live edits are part of them. */
export interface EffectiveStrategyParams {
  readonly params: StrategyParams;
  /** why the live edits were set aside (`params` are then the config layers' alone); null when they apply */
  readonly rejectedLive: ZodIssue[] | null;
}

/**
 * The parameters in force for a bot on a market, layered as docs/architecture.md#strategy-parameters
 * says: strategy.json → the market's `strategy` → the bot's `params` → live edits (`bot:<id>`).
 * Live edits that do not validate are set aside, so a bad edit never stops trading: the validated
 * config layers still stand. Throws a ZodError only when the config layers themselves do not
 * validate, which `loadConfig` refuses at start.
 */
export function effectiveStrategyParams(
  strategyDefaults: StrategyParams,
  market: Pick<MarketPair, 'strategy'> | undefined,
  bot: Pick<BotEntry, 'params'> | undefined,
  live: StrategyParamsOverride = {},
): EffectiveStrategyParams {
  const configLayers = [strategyDefaults, market?.strategy ?? {}, bot?.params ?? {}];
  try {
    return { params: resolveStrategyParams(...configLayers, live), rejectedLive: null };
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    return { params: resolveStrategyParams(...configLayers), rejectedLive: error.issues };
  }
}

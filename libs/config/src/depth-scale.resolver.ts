import { positiveDecimalString } from '@mirrorbook/contracts';
import type { AppConfig } from './config.loader';
import { effectiveStrategyParams } from './effective-params.resolver';

/**
 * The depthScale of the strategy parameters in force on `market` (config layers of the first
 * configured bot quoting it), or null when the parameters have none: the quality figures then
 * compare depth 1 : 1. Read by name so it applies as soon as the strategy parameters carry it.
 */
export function depthScaleOf(config: Pick<AppConfig, 'bots' | 'markets' | 'strategyDefaults'>, market: string): string | null {
  const bot = config.bots.find((b) => b.markets.includes(market));
  if (!bot) return null;
  const { params } = effectiveStrategyParams(config.strategyDefaults, config.markets.find((m) => m.key === market), bot);
  const parsed = positiveDecimalString.safeParse((params as Record<string, unknown>).depthScale);
  return parsed.success ? parsed.data : null;
}

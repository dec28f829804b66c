import { Logger } from '@nestjs/common';
import type { StrategyParams } from '@mirrorbook/contracts';
import { effectiveStrategyParams, formatIssues, type AppConfig, type BotEntry, type MarketPair } from '@mirrorbook/config';

interface Cached {
  readonly liveJson: string;
  readonly params: StrategyParams;
}

/**
 * The parameters in force for a bot on a market: strategy.json → market `strategy` → bot `params`
 * → live edits from `bot:<id>`. Resolved once per distinct live edit and reused, so the strategy
 * core's per-object compilation cache keeps hitting. Live edits that do not validate are ignored
 * (logged once): the validated config layers still stand (`effectiveStrategyParams`).
 */
export class BotParamsResolver {
  private readonly logger = new Logger(BotParamsResolver.name);
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly config: Pick<AppConfig, 'strategyDefaults'>) {}

  resolve(bot: BotEntry, pair: MarketPair, live: Record<string, unknown>): StrategyParams {
    const key = `${bot.id}\u0000${pair.key}`;
    const liveJson = JSON.stringify(live);
    const cached = this.cache.get(key);
    if (cached && cached.liveJson === liveJson) return cached.params;
    const params = this.resolveFresh(bot, pair, live);
    this.cache.set(key, { liveJson, params });
    return params;
  }

  private resolveFresh(bot: BotEntry, pair: MarketPair, live: Record<string, unknown>): StrategyParams {
    const { params, rejectedLive } = effectiveStrategyParams(this.config.strategyDefaults, pair, bot, live);
    if (rejectedLive) {
      const problems = formatIssues(`bot:${bot.id}.params (on ${pair.key})`, rejectedLive).join('; ');
      this.logger.warn(`ignoring invalid live parameters: ${problems}`);
    }
    return params;
  }
}

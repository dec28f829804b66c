import { Inject, Injectable } from '@nestjs/common';
import type { StrategyParams, StrategyParamsOverride } from '@mirrorbook/contracts';
import { APP_CONFIG, effectiveStrategyParams, type AppConfig, type BotEntry } from '@mirrorbook/config';
import { fieldErrorsOf, type FieldErrors } from '../platform/field-errors';
import { RequestValidationError } from '../platform/request-validation.error';

/**
 * The parameters in force for each of a bot's markets with the given live overrides
 * (`effectiveStrategyParams`). Unlike the strategy and the executor, which set invalid live edits
 * aside, overrides that break any market are a 400 naming each field (and the markets, when not
 * all fail).
 */
@Injectable()
export class BotParamsValidator {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  effective(bot: BotEntry, overrides: StrategyParamsOverride): Record<string, StrategyParams> {
    const effective: Record<string, StrategyParams> = {};
    const failures = new Map<string, { path: string; message: string; markets: string[] }>();
    for (const key of bot.markets) {
      const market = this.config.markets.find((m) => m.key === key);
      const { params, rejectedLive } = effectiveStrategyParams(this.config.strategyDefaults, market, bot, overrides);
      if (!rejectedLive) {
        effective[key] = params;
        continue;
      }
      for (const [path, messages] of Object.entries(fieldErrorsOf(rejectedLive))) {
        for (const message of messages) {
          const id = `${path}\u0000${message}`;
          const failure = failures.get(id) ?? { path, message, markets: [] };
          failure.markets.push(key);
          failures.set(id, failure);
        }
      }
    }
    if (failures.size === 0) return effective;
    const fieldErrors: FieldErrors = {};
    for (const { path, message, markets } of failures.values()) {
      const where = markets.length === bot.markets.length ? '' : ` (on ${markets.join(', ')})`;
      (fieldErrors[path] ??= []).push(message + where);
    }
    throw new RequestValidationError('strategy parameters', fieldErrors);
  }
}

import type { BotEntry, MarketPair } from '@mirrorbook/config';
import { Dec, toDecimalString, type Market } from '@mirrorbook/market';
import type { BotMarketParams } from '../checks/pre-trade.context';

/**
 * One line per bot and derivative market whose leverage the market does not allow: margin =
 * notional / leverage must cover notional × initial margin ratio, so leverage must stay below
 * 1 / IMR (docs/injective.md#derivative-orders-and-margin). Each line names the config field the
 * leverage comes from (the bot's params, the market's strategy, else strategy.json). Pure.
 */
export function leverageProblems(
  bots: readonly BotEntry[],
  pairs: readonly MarketPair[],
  markets: ReadonlyMap<string, Market>,
  paramsOf: (botId: string, marketKey: string) => BotMarketParams,
): string[] {
  const problems: string[] = [];
  for (const bot of bots) {
    for (const key of bot.markets) {
      const imr = markets.get(key)?.initialMarginRatio;
      if (markets.get(key)?.type !== 'derivative' || !imr || imr.lte(0)) continue;
      const { leverage } = paramsOf(bot.id, key);
      if (leverage.mul(imr).lt(1)) continue;
      problems.push(
        `${leverageField(bot, pairs, key)}: leverage ${toDecimalString(leverage)} of bot ${bot.id} on ${key} must stay below 1 / initial margin ratio ` +
          `${toDecimalString(imr)} = ${toDecimalString(new Dec(1).div(imr).toDecimalPlaces(6, Dec.ROUND_DOWN))}`,
      );
    }
  }
  return problems;
}

/** The config field a bot's leverage on `key` is read from. */
function leverageField(bot: BotEntry, pairs: readonly MarketPair[], key: string): string {
  if (bot.params.leverage !== undefined) return `bots.json: bots[id=${bot.id}].params.leverage`;
  const pair = pairs.findIndex((p) => p.key === key);
  if (pair >= 0 && pairs[pair]!.strategy.leverage !== undefined) return `markets.json: markets[${pair}].strategy.leverage`;
  return 'strategy.json: leverage';
}

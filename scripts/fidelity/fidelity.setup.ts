import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z, ZodError } from 'zod';
import { layerStrategyParams, resolveStrategyParams, type StrategyParams, type StrategyParamsOverride } from '@mirrorbook/contracts';
import { formatPath, loadConfig } from '@mirrorbook/config';
import { Dec } from '@mirrorbook/market';

const REPO_CONFIG = resolve(__dirname, '../../config');

/** A bot of a fidelity run, as bots.json lists it. */
export interface SetupBot {
  id: string;
  wallet: string;
  markets: string[];
  params: StrategyParamsOverride;
}

/** Who trades in a fidelity run, and on which markets. */
export interface FidelitySetup {
  /** `demo` (config/bots.json) or `single` (one bot on one market) */
  kind: 'demo' | 'single';
  bots: SetupBot[];
  /** every market a bot quotes: each replays the candle file */
  markets: string[];
  /** per market: the factor the file's prices are multiplied by (decimal string) */
  scale: Record<string, string>;
}

/** What `--params` is checked against: the layers under it. */
export interface ParamsLayers {
  strategyDefaults: StrategyParams | StrategyParamsOverride;
  markets: { key: string; strategy?: StrategyParamsOverride }[];
}

/** A `--params` value that is no JSON object or leaves a bot with invalid parameters; the message is one line. */
export class ParamsOverrideError extends Error {
  readonly code = 'PARAMS_OVERRIDE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ParamsOverrideError';
  }
}

/** One bot on one market (the wallet `w1`), the file's prices × `scale` (as they are by default). */
export function singleMarketSetup(market: string, scale = '1'): FidelitySetup {
  return { kind: 'single', bots: [{ id: 'fidelity', wallet: 'w1', markets: [market], params: {} }], markets: [market], scale: { [market]: scale } };
}

/**
 * Every enabled bot of bots.json on its markets. The candle file records `fileMarket`'s price;
 * every other market replays it scaled to its own level (`levels`: the sim's start price per
 * market), so atom-usdt moves like INJ but around its own price. With `fileLevel` (`--rebase`: the
 * file's first open) the file's own market is scaled too, from that level to its own.
 */
export function demoSetup(bots: readonly SetupBot[], levels: Readonly<Record<string, string>>, fileMarket: string, fileLevel?: string): FidelitySetup {
  const markets = [...new Set(bots.flatMap((b) => b.markets))];
  const level = (key: string) => {
    const found = levels[key];
    if (found === undefined) throw new Error(`no price level for ${key} in config/sim.json`);
    return new Dec(found);
  };
  const base = fileLevel === undefined ? level(fileMarket) : new Dec(fileLevel);
  const scale = Object.fromEntries(markets.map((key) => [key, key === fileMarket && fileLevel === undefined ? '1' : level(key).div(base).toString()]));
  return { kind: 'demo', bots: bots.map((b) => ({ ...b, markets: [...b.markets] })), markets, scale };
}

/**
 * Parses `--params` (a JSON object: any nested subset of the strategy parameters) and checks that
 * every bot keeps valid parameters on every market with it on top. Throws ParamsOverrideError
 * naming the first bad field: `cadence.maintenanceIntervalS: must be at most 3600`.
 */
export function parseParamsOverride(text: string, bots: readonly SetupBot[], layers: ParamsLayers): StrategyParamsOverride {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ParamsOverrideError(`not JSON (${(error as Error).message})`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ParamsOverrideError('must be a JSON object, e.g. {"cadence":{"maintenanceIntervalS":10}}');
  const override = parsed as StrategyParamsOverride;
  checkParams(override, bots, layers);
  return override;
}

/** Throws ParamsOverrideError when `override` leaves a bot with invalid parameters on one of its markets. */
export function checkParams(override: StrategyParamsOverride, bots: readonly SetupBot[], layers: ParamsLayers): void {
  for (const bot of bots) {
    for (const key of bot.markets) {
      const market = layers.markets.find((m) => m.key === key);
      try {
        resolveStrategyParams(layers.strategyDefaults, market?.strategy ?? {}, bot.params, override);
      } catch (error) {
        if (!(error instanceof ZodError)) throw error;
        const issue = error.issues[0]!;
        const path = formatPath(issue.path);
        throw new ParamsOverrideError(`${path ? `${path}: ` : ''}${issue.message}`, { cause: error });
      }
    }
  }
}

/** The bot's params with the run's override on top. */
export function botParams(bot: SetupBot, override: StrategyParamsOverride): StrategyParamsOverride {
  return layerStrategyParams(bot.params, override);
}

const simLevelsSchema = z.object({
  exchange: z.object({
    defaults: z.object({ price: z.object({ startPrice: z.string().optional() }).passthrough().optional() }).passthrough().optional(),
    pairs: z.record(z.string(), z.object({ price: z.object({ startPrice: z.string().optional() }).passthrough().optional() }).passthrough()).default({}),
  }).passthrough(),
}).passthrough();

/** The sim's start price of each market in config/sim.json (its built-in "10" where none is set). */
export function simPriceLevels(markets: readonly string[], file = join(REPO_CONFIG, 'sim.json')): Record<string, string> {
  const sim = simLevelsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const fallback = sim.exchange.defaults?.price?.startPrice ?? '10';
  return Object.fromEntries(markets.map((key) => [key, sim.exchange.pairs[key]?.price?.startPrice ?? fallback]));
}

/** The repository's configuration (config/): the layers `--params` goes on, and the bots of bots.json. */
export function repoConfig(): { layers: ParamsLayers; bots: SetupBot[] } {
  const config = loadConfig({ CONFIG_DIR: REPO_CONFIG });
  return {
    layers: { strategyDefaults: config.strategyDefaults, markets: config.markets },
    bots: config.bots.filter((b) => b.enabled).map((b) => ({ id: b.id, wallet: b.wallet, markets: [...b.markets], params: b.params })),
  };
}

/** The demo setup of the repository's config: bots.json's bots, prices scaled by sim.json's levels (see `demoSetup`). */
export function repoDemoSetup(fileMarket: string, fileLevel?: string): FidelitySetup {
  const { bots } = repoConfig();
  const markets = [...new Set([fileMarket, ...bots.flatMap((b) => b.markets)])];
  return demoSetup(bots, simPriceLevels(markets), fileMarket, fileLevel);
}

/**
 * The factor that brings a file whose first open is `fileLevel` to `market`'s start price in
 * config/sim.json (`--rebase` without `--demo`): the recorded path in percent, at the market's level.
 */
export function rebaseFactor(market: string, fileLevel: string, levels: Readonly<Record<string, string>> = simPriceLevels([market])): string {
  return new Dec(levels[market]!).div(fileLevel).toString();
}

/**
 * The depthScale a market's depth is measured against (testnet ÷ (mainnet × depthScale)): the
 * effective strategy parameter of the first bot on the market (strategy.json, the market's
 * `strategy` in markets.json, the bot's params, then the run's override), as the gateway's
 * quality monitor takes it (`depthScaleOf`); "1" without a bot (the schema's default without a depthScale).
 */
export function marketDepthScale(setup: Pick<FidelitySetup, 'bots'>, market: string, override: StrategyParamsOverride, layers: ParamsLayers = repoConfig().layers): string {
  const bot = setup.bots.find((b) => b.markets.includes(market));
  if (!bot) return '1';
  const layer = layers.markets.find((m) => m.key === market)?.strategy ?? {};
  return resolveStrategyParams(layers.strategyDefaults, layer, bot.params, override).depthScale;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z, ZodError, type ZodIssue } from 'zod';
import { strategyParamsSchema, type StrategyParams } from '@mirrorbook/contracts';
import { botsFileSchema, type BotEntry, type WalletEntry } from './bots-file.schema';
import { ConfigError } from './config.error';
import { effectiveStrategyParams } from './effective-params.resolver';
import { envSchema, type Env } from './env.schema';
import { inclusionPollProblems } from './rate-budget';
import { formatIssues } from './issue.formatter';
import { marketsFileSchema, type MarketPair } from './markets-file.schema';

/** The whole validated configuration: files in `config/` plus the environment. */
export interface AppConfig {
  env: Env;
  markets: MarketPair[];
  wallets: WalletEntry[];
  bots: BotEntry[];
  /** config/strategy.json: the defaults every bot starts from */
  strategyDefaults: StrategyParams;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

function readJson(path: string, label: string): Parsed<unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    return { ok: false, problems: [`${label}: ${reason}`] };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problems: [`${label}: not valid JSON (${(error as Error).message})`] };
  }
}

function parseWith<T extends z.ZodTypeAny>(schema: T, raw: unknown, label: string): Parsed<z.output<T>> {
  const result = schema.safeParse(raw);
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: formatIssues(label, result.error.issues) };
}

function parseFile<T extends z.ZodTypeAny>(dir: string, name: string, schema: T): Parsed<z.output<T>> {
  const label = join(dir, name);
  const raw = readJson(join(dir, name), label);
  return raw.ok ? parseWith(schema, raw.value, label) : raw;
}

function duplicates(ids: string[]): string[] {
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

function crossReferenceProblems(dir: string, markets: MarketPair[], wallets: WalletEntry[], bots: BotEntry[]): string[] {
  const marketsLabel = join(dir, 'markets.json');
  const botsLabel = join(dir, 'bots.json');
  const marketKeys = new Set(markets.map((m) => m.key));
  const walletIds = new Set(wallets.map((w) => w.id));
  const problems = [
    ...duplicates(markets.map((m) => m.key)).map((k) => `${marketsLabel}: markets: duplicate key "${k}"`),
    ...duplicates(wallets.map((w) => w.id)).map((id) => `${botsLabel}: wallets: duplicate id "${id}"`),
    ...duplicates(bots.map((b) => b.id)).map((id) => `${botsLabel}: bots: duplicate id "${id}"`),
  ];
  bots.forEach((bot, i) => {
    if (!walletIds.has(bot.wallet)) problems.push(`${botsLabel}: bots[${i}].wallet: unknown wallet "${bot.wallet}"`);
    bot.markets.forEach((key, j) => {
      if (!marketKeys.has(key)) problems.push(`${botsLabel}: bots[${i}].markets[${j}]: unknown market "${key}"`);
    });
  });
  return problems;
}

/**
 * The strategy parameter layers checked against the one schema of config files and live edits
 * (bounds included): each market's `strategy` on strategy.json, named in markets.json; then each
 * bot's `params` on the markets that pass, named in bots.json.
 */
function effectiveParamsProblems(dir: string, config: Omit<AppConfig, 'env'>): string[] {
  const problems: string[] = [];
  const badMarkets = new Set<string>();
  config.markets.forEach((market, j) => {
    const issues = zodIssuesOf(() => effectiveStrategyParams(config.strategyDefaults, market, undefined));
    if (issues.length === 0) return;
    badMarkets.add(market.key);
    problems.push(...formatIssues(`${join(dir, 'markets.json')}: markets[${j}].strategy`, issues));
  });
  config.bots.forEach((bot, i) => {
    for (const key of bot.markets) {
      const market = config.markets.find((m) => m.key === key);
      if (!market || badMarkets.has(key)) continue;
      const issues = zodIssuesOf(() => effectiveStrategyParams(config.strategyDefaults, market, bot));
      problems.push(...formatIssues(`${join(dir, 'bots.json')}: bots[${i}].params (on ${key})`, issues));
    }
  });
  return problems;
}

function zodIssuesOf(resolve: () => unknown): ZodIssue[] {
  try {
    resolve();
    return [];
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    return error.issues;
  }
}

/**
 * Parses the environment and the files in CONFIG_DIR once. Every problem is collected, so one
 * run names them all; throws ConfigError when there is any.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const envResult = parseWith(envSchema, env, 'env');
  if (!envResult.ok) throw new ConfigError(envResult.problems);
  const envProblems = inclusionPollProblems(envResult.value);
  if (envProblems.length > 0) throw new ConfigError(envProblems);
  const dir = envResult.value.CONFIG_DIR;
  const markets = parseFile(dir, 'markets.json', marketsFileSchema);
  const bots = parseFile(dir, 'bots.json', botsFileSchema);
  const strategy = parseFile(dir, 'strategy.json', strategyParamsSchema);
  const problems = [markets, bots, strategy].flatMap((r) => (r.ok ? [] : r.problems));
  if (!markets.ok || !bots.ok || !strategy.ok) throw new ConfigError(problems);
  const config: AppConfig = {
    env: envResult.value,
    markets: markets.value.markets,
    wallets: bots.value.wallets,
    bots: bots.value.bots,
    strategyDefaults: strategy.value,
  };
  const semantic = [
    ...crossReferenceProblems(dir, config.markets, config.wallets, config.bots),
    ...effectiveParamsProblems(dir, config),
  ];
  if (semantic.length > 0) throw new ConfigError(semantic);
  return config;
}

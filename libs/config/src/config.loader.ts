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
import { jsonValueLines, lineOf } from './json-lines';
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

/** A config file as read: its path and the line of each of its values. */
interface FileText {
  readonly label: string;
  readonly lines: ReadonlyMap<string, number>;
}

/** `<file>:<line>` of the value at `path` (or its nearest ancestor), `<file>` when unknown. */
function at(file: FileText | undefined, label: string, path: (string | number)[]): string {
  const line = file && lineOf(file.lines, path);
  return line ? `${label}:${line}` : label;
}

/** One line per issue: `<file>:<line>: <within>: <path>: <reason>`, the issues' paths below `base` in the file. */
function fileIssues(file: FileText | undefined, label: string, base: (string | number)[], within: string, issues: ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    const where = at(file, label, [...base, ...issue.path]);
    return formatIssues(within ? `${where}: ${within}` : where, [issue]);
  });
}

function readJson(path: string, label: string): Parsed<{ json: unknown; text: FileText }> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    return { ok: false, problems: [`${label}: ${reason}`] };
  }
  try {
    return { ok: true, value: { json: JSON.parse(text), text: { label, lines: jsonValueLines(text) } } };
  } catch (error) {
    return { ok: false, problems: [`${label}: not valid JSON (${(error as Error).message})`] };
  }
}

function parseWith<T extends z.ZodTypeAny>(schema: T, raw: unknown, label: string): Parsed<z.output<T>> {
  const result = schema.safeParse(raw);
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: formatIssues(label, result.error.issues) };
}

function parseFile<T extends z.ZodTypeAny>(dir: string, name: string, schema: T, texts: Map<string, FileText>): Parsed<z.output<T>> {
  const label = join(dir, name);
  const raw = readJson(join(dir, name), label);
  if (!raw.ok) return raw;
  texts.set(name, raw.value.text);
  const result = schema.safeParse(raw.value.json);
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: fileIssues(raw.value.text, label, [], '', result.error.issues) };
}

/** Index of each entry whose id an earlier entry already has. */
function duplicateIndexes(ids: string[]): number[] {
  return ids.flatMap((id, i) => (ids.indexOf(id) !== i ? [i] : []));
}

function crossReferenceProblems(dir: string, texts: ReadonlyMap<string, FileText>, markets: MarketPair[], wallets: WalletEntry[], bots: BotEntry[]): string[] {
  const m = { label: join(dir, 'markets.json'), text: texts.get('markets.json') };
  const b = { label: join(dir, 'bots.json'), text: texts.get('bots.json') };
  const marketKeys = new Set(markets.map((p) => p.key));
  const walletIds = new Set(wallets.map((w) => w.id));
  const problems = [
    ...duplicateIndexes(markets.map((p) => p.key)).map((i) => `${at(m.text, m.label, ['markets', i])}: markets: duplicate key "${markets[i]!.key}"`),
    ...duplicateIndexes(wallets.map((w) => w.id)).map((i) => `${at(b.text, b.label, ['wallets', i])}: wallets: duplicate id "${wallets[i]!.id}"`),
    ...duplicateIndexes(bots.map((bot) => bot.id)).map((i) => `${at(b.text, b.label, ['bots', i])}: bots: duplicate id "${bots[i]!.id}"`),
  ];
  bots.forEach((bot, i) => {
    if (!walletIds.has(bot.wallet)) problems.push(`${at(b.text, b.label, ['bots', i, 'wallet'])}: bots[${i}].wallet: unknown wallet "${bot.wallet}"`);
    bot.markets.forEach((key, j) => {
      if (!marketKeys.has(key)) problems.push(`${at(b.text, b.label, ['bots', i, 'markets', j])}: bots[${i}].markets[${j}]: unknown market "${key}"`);
    });
  });
  return problems;
}

/**
 * The strategy parameter layers checked against the one schema of config files and live edits
 * (bounds included): each market's `strategy` on strategy.json, named in markets.json; then each
 * bot's `params` on the markets that pass, named in bots.json.
 */
function effectiveParamsProblems(dir: string, texts: ReadonlyMap<string, FileText>, config: Omit<AppConfig, 'env'>): string[] {
  const problems: string[] = [];
  const badMarkets = new Set<string>();
  config.markets.forEach((market, j) => {
    const issues = zodIssuesOf(() => effectiveStrategyParams(config.strategyDefaults, market, undefined));
    if (issues.length === 0) return;
    badMarkets.add(market.key);
    problems.push(...fileIssues(texts.get('markets.json'), join(dir, 'markets.json'), ['markets', j, 'strategy'], `markets[${j}].strategy`, issues));
  });
  config.bots.forEach((bot, i) => {
    for (const key of bot.markets) {
      const market = config.markets.find((p) => p.key === key);
      if (!market || badMarkets.has(key)) continue;
      const issues = zodIssuesOf(() => effectiveStrategyParams(config.strategyDefaults, market, bot));
      problems.push(...fileIssues(texts.get('bots.json'), join(dir, 'bots.json'), ['bots', i, 'params'], `bots[${i}].params (on ${key})`, issues));
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
  const texts = new Map<string, FileText>();
  const markets = parseFile(dir, 'markets.json', marketsFileSchema, texts);
  const bots = parseFile(dir, 'bots.json', botsFileSchema, texts);
  const strategy = parseFile(dir, 'strategy.json', strategyParamsSchema, texts);
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
    ...crossReferenceProblems(dir, texts, config.markets, config.wallets, config.bots),
    ...effectiveParamsProblems(dir, texts, config),
  ];
  if (semantic.length > 0) throw new ConfigError(semantic);
  return config;
}

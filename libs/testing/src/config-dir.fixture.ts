import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './app.launcher';

const REPO_CONFIG = join(REPO_ROOT, 'config');

/** One market pair as markets.json lists it (the shape of config/markets.json's entries). */
export interface ConfigPair {
  key: string;
  type: 'spot' | 'derivative';
  mainnetMarketId: string;
  testnetMarketId: string;
  referencePrice?: 'mid' | 'last' | 'mark';
  strategy?: Record<string, unknown>;
  enabled?: boolean;
}

/** bots.json: the wallets and the bots that trade from them. */
export interface ConfigBots {
  wallets: { id: string; label?: string }[];
  bots: { id: string; wallet: string; markets: string[]; params?: Record<string, unknown>; enabled?: boolean }[];
}

/** bots.json of a service that trades nothing (the price feed): one wallet, no bots. */
export const NO_BOTS: ConfigBots = Object.freeze({ wallets: [{ id: 'w1' }], bots: [] });

/** What a test CONFIG_DIR holds; a file not given is the repository's own (config/). */
export interface ConfigDirOptions {
  /** markets.json's pairs; default config/markets.json */
  markets?: readonly ConfigPair[];
  /** bots.json; default config/bots.json */
  bots?: ConfigBots;
  /** strategy.json; default config/strategy.json (`{}`: the built-in defaults) */
  strategy?: Record<string, unknown>;
  /** sim.json (the simulator's SIM_CONFIG), written only when given */
  sim?: Record<string, unknown>;
}

/** A temporary CONFIG_DIR. */
export interface ConfigDir {
  readonly dir: string;
  /** the path of `file` in the dir, e.g. `path('sim.json')` */
  path(file: string): string;
  /** deletes the dir (call it in afterAll) */
  remove(): void;
}

/**
 * The pairs of config/markets.json; with `keys`, those pairs in that order (throws for a key the
 * file does not list). Each call reads the file again and returns fresh objects.
 */
export function repoConfigPairs(keys?: readonly string[]): ConfigPair[] {
  const all = (JSON.parse(readFileSync(join(REPO_CONFIG, 'markets.json'), 'utf8')) as { markets: ConfigPair[] }).markets;
  if (!keys) return all;
  return keys.map((key) => {
    const pair = all.find((p) => p.key === key);
    if (!pair) throw new Error(`config/markets.json has no pair ${key}`);
    return pair;
  });
}

/** Writes a CONFIG_DIR (markets.json, bots.json, strategy.json and, if given, sim.json) in a temporary directory. */
export function writeConfigDir(options: ConfigDirOptions = {}): ConfigDir {
  const dir = mkdtempSync(join(tmpdir(), 'mb-config-'));
  const write = (file: string, content: unknown) => {
    if (content === undefined) cpSync(join(REPO_CONFIG, file), join(dir, file));
    else writeFileSync(join(dir, file), JSON.stringify(content));
  };
  write('markets.json', options.markets && { markets: options.markets });
  write('bots.json', options.bots);
  write('strategy.json', options.strategy);
  if (options.sim) write('sim.json', options.sim);
  return { dir, path: (file) => join(dir, file), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { formatPath } from '@mirrorbook/config';
import { simConfigSchema, type SimConfig, type SimConfigInput } from '../sim.config';
import { SimConfigError } from './sim-config.error';

/** Default config file, relative to the working directory. */
export const DEFAULT_SIM_CONFIG_FILE = 'config/sim.json';

/** Environment variables that override config fields, and the field each one sets. */
export const SIM_ENV_OVERRIDES = {
  SIM_CHAIN_ID: 'chainId',
  SIM_HOST: 'host',
  SIM_PORT: 'port',
  SIM_BLOCK_MS: 'blockMs',
  SIM_SEED: 'seed',
  SIM_MIN_GAS_PRICE: 'minGasPrice',
  SIM_EIP_BASE_FEE: 'eipBaseFee',
  SIM_RATE_LIMIT_PER_S: 'rateLimitPerSecond',
  SIM_RATE_LIMIT_BURST: 'rateLimitBurst',
} as const satisfies Record<string, keyof SimConfig>;

const NUMERIC_FIELDS: ReadonlySet<string> = new Set(['port', 'blockMs', 'rateLimitPerSecond', 'rateLimitBurst']);

/**
 * Reads `config/sim.json` (or the file named by `SIM_CONFIG`; absent is fine) plus the `SIM_*`
 * environment overrides, and parses the result. Throws `SimConfigError` whose lines name the
 * source and field (`SIM_BLOCK_MS (blockMs): Expected number, received string`).
 */
export function loadSimConfig(opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): SimConfig {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const named = env.SIM_CONFIG;
  const file = resolvePath(cwd, named ?? DEFAULT_SIM_CONFIG_FILE);
  const fromFile = existsSync(file) ? readJson(file) : named ? fail(`${named}: file not found`) : {};
  const fromEnv: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  for (const [variable, field] of Object.entries(SIM_ENV_OVERRIDES)) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    fromEnv[field] = NUMERIC_FIELDS.has(field) && /^\d+$/.test(value) ? Number(value) : value;
    sources.set(field, variable);
  }
  const genesisFile = env.SIM_GENESIS_FILE ? resolvePath(cwd, env.SIM_GENESIS_FILE) : undefined;
  const merged = genesisFile ? withExtraGenesis(fromFile as Record<string, unknown>, readJson(genesisFile)) : fromFile;
  return parseSimConfig({ ...(merged as object), ...fromEnv }, (path) => {
    const top = String(path[0] ?? '');
    const variable = sources.get(top);
    return variable ? `${variable} (${formatPath(path)})` : `${named ?? DEFAULT_SIM_CONFIG_FILE}: ${formatPath(path)}`;
  });
}

/**
 * Parses a config object (file contents, or a test's literal, or an already parsed config).
 * Throws `SimConfigError`.
 */
export function parseSimConfig(
  input: SimConfigInput | Record<string, unknown>,
  describe: (path: (string | number)[]) => string = (path) => formatPath(path) || '(root)',
): SimConfig {
  const parsed = simConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new SimConfigError(parsed.error.issues.map((issue) => `${describe(issue.path)}: ${issue.message}`));
}

/**
 * `SIM_GENESIS_FILE` (`{ "accounts": [...] }`, written by the starter for its demo wallets) adds
 * accounts to the config file's genesis.
 */
function withExtraGenesis(base: Record<string, unknown>, extra: unknown): Record<string, unknown> {
  const accounts = (extra as { accounts?: unknown[] } | null)?.accounts;
  if (!Array.isArray(accounts)) fail('SIM_GENESIS_FILE: expected {"accounts": [...]}');
  const genesis = (base.genesis ?? {}) as { accounts?: unknown[] };
  return { ...base, genesis: { ...genesis, accounts: [...(genesis.accounts ?? []), ...accounts] } };
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return fail(`${file}: cannot read: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    return fail(`${file}: invalid JSON: ${(e as Error).message}`);
  }
}

function resolvePath(cwd: string, file: string): string {
  return isAbsolute(file) ? file : resolve(cwd, file);
}

function fail(problem: string): never {
  throw new SimConfigError([problem]);
}

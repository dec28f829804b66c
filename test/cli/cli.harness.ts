import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  catalogTestnetDenoms,
  injUsdtMarkets,
  REPO_ROOT,
  repoConfigPairs,
  startAppProcess,
  writeConfigDir,
  type ConfigBots,
  type ConfigDir,
  type ManagedProcess,
} from '@mirrorbook/testing';
import { walletFromPrivateKey } from '@mirrorbook/injective/signing';

/** Throwaway keys (never funded anywhere real): w1 = alice, w2 = bob; carol has no wallet entry. */
export const KEYS = {
  alice: `${'11'.repeat(32)}`,
  bob: `${'22'.repeat(32)}`,
  carol: `${'33'.repeat(32)}`,
} as const;

export const WALLETS = {
  alice: walletFromPrivateKey(KEYS.alice),
  bob: walletFromPrivateKey(KEYS.bob),
  carol: walletFromPrivateKey(KEYS.carol),
};

/** The three pairs the CLI tests use: config/markets.json's, without strategy overrides. */
const [injUsdt, atomUsdt, injPerp] = repoConfigPairs(['inj-usdt', 'atom-usdt', 'inj-usdt-perp']).map((p) => ({
  ...p,
  referencePrice: 'mid' as const,
  strategy: {},
  enabled: true,
}));
export const PAIRS = { injUsdt, atomUsdt, injPerp };

/** Wallets w1 (alice) and w2 (bob), one bot each. */
const TEST_BOTS: ConfigBots = {
  wallets: [{ id: 'w1', label: 'alice' }, { id: 'w2', label: 'bob' }],
  bots: [
    { id: 'spot', wallet: 'w1', markets: ['inj-usdt', 'atom-usdt'], params: {}, enabled: true },
    { id: 'perp', wallet: 'w2', markets: ['inj-usdt-perp'], params: {}, enabled: true },
  ],
};

/** A temporary CONFIG_DIR: the three pairs, the repository's strategy defaults and `bots` (default: w1 and w2, one bot each). */
export function writeTestConfig(bots: ConfigBots = TEST_BOTS): ConfigDir {
  return writeConfigDir({ markets: Object.values(PAIRS), bots });
}

/** The testnet USDT denom (quote of INJ/USDT). */
export const USDT = injUsdtMarkets().spot.quoteDenom;

/** A sim child process: flat "mainnet" prices (INJ 25, ATOM 4.8) and testnet marks, ATOM/USDT testnet mispriced +20 %. */
export interface SimProcess {
  readonly url: string;
  readonly process: ManagedProcess;
  stop(): Promise<void>;
}

/** Starts apps/injective-sim as a child process, exactly as the starter does, on a free port. */
export async function startSimProcess(env: Record<string, string>, configDir: string): Promise<SimProcess> {
  const file = join(configDir, 'sim-test.json');
  const balances = Object.fromEntries(catalogTestnetDenoms().map((d) => [d, d === 'inj' ? '1000' : '100000']));
  writeFileSync(
    file,
    JSON.stringify({
      blockMs: 150,
      seed: 'cli-test',
      // CLI tests run apps and the CLI's own reads against the sim at test pace: no per-IP limit
      rateLimitPerSecond: 0,
      genesis: { accounts: Object.values(WALLETS).map((w) => ({ address: w.injAddress, balances })) },
      exchange: {
        // flat prices and a testnet oracle without noise: marks stay exactly at the start prices
        defaults: { price: { volatilityPerBlock: 0, jumpProbabilityPerBlock: 0 }, oracle: { noisePerBlock: 0 } },
        pairs: {
          'inj-usdt': { price: { startPrice: '25' } },
          'inj-usdt-perp': { price: { startPrice: '25' } },
          'atom-usdt': { price: { startPrice: '4.8' }, testnetInitial: { kind: 'mispriced', offset: 0.2 } },
        },
      },
    }),
  );
  const proc = startAppProcess('injective-sim', { ...env, CONFIG_DIR: configDir, SIM_CONFIG: file, HTTP_PORT: '0', LOG_LEVEL: 'info' });
  const [, port] = await proc.waitForOutput(/listening on http:\/\/127\.0\.0\.1:(\d+)/, 60_000);
  return { url: `http://127.0.0.1:${port}`, process: proc, stop: async () => void (await proc.stop('SIGTERM', 10_000)) };
}

/** What one CLI run did. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `mirrorbook <args>` as a child process (as bin/mirrorbook does) with only the given
 * environment on top of PATH/HOME, so the developer's own WALLET_* or NETWORK never leak in.
 */
export function runCli(args: string[], env: Record<string, string | undefined>, timeoutMs = 45_000): Promise<CliRun> {
  const base: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[name]) base[name] = process.env[name] as string;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join('apps', 'cli', 'src', 'main.ts'), ...args], {
      cwd: REPO_ROOT,
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mirrorbook ${args.join(' ')} did not finish within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Parses a `--json` run's stdout with `schema`; the error names what did not fit. */
export function parseJson<S extends z.ZodTypeAny>(schema: S, run: CliRun): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(run.stdout);
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.code}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`--json output does not fit its schema: ${parsed.error.message}\n${run.stdout}`);
  return parsed.data;
}

import { readFileSync } from 'node:fs';
import type { AppConfig } from '@mirrorbook/config';
import { walletFromEnv, WalletKeyError, type SecretFileReader } from '@mirrorbook/injective';
import type { ExecutorWallet } from './executor-wallet';

const KEY_VARIABLE = /^WALLET_[A-Z0-9_]+_PRIVATE_KEY$/;

/**
 * The wallet selected by `WALLET_ID`, its key read once and kept only inside the returned wallet.
 * Key variables are then removed from `env`, so no later code (or child process) can read them.
 * Throws `WalletKeyError` naming the variable to fix.
 */
export function loadExecutorWallet(
  config: AppConfig,
  env: NodeJS.ProcessEnv = process.env,
  readFile: SecretFileReader = (path) => readFileSync(path, 'utf8'),
): ExecutorWallet {
  const id = config.env.WALLET_ID;
  if (!id) throw new WalletKeyError('UNKNOWN_WALLET', 'WALLET_ID', 'WALLET_ID is not set: name the wallet of config/bots.json this executor signs for');
  if (!config.wallets.some((w) => w.id === id)) {
    throw new WalletKeyError('UNKNOWN_WALLET', 'WALLET_ID', `WALLET_ID names wallet "${id}", which config/bots.json does not list`);
  }
  try {
    return { id, wallet: walletFromEnv(id, env, readFile) };
  } finally {
    for (const name of Object.keys(env)) if (KEY_VARIABLE.test(name)) delete env[name];
  }
}

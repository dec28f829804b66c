import { readFileSync } from 'node:fs';
import type { AppConfig } from '@mirrorbook/config';
import { InvalidPrivateKeyError, walletFromPrivateKey } from '@mirrorbook/injective';
import type { ExecutorWallet } from './executor-wallet';
import { WalletKeyError } from './wallet-key.error';
import { readWalletKey, type SecretFileReader } from './wallet-key.source';

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
    const material = readWalletKey(id, env, readFile);
    try {
      return { id, wallet: walletFromPrivateKey(material.key) };
    } catch (error) {
      if (!(error instanceof InvalidPrivateKeyError)) throw error;
      throw new WalletKeyError('INVALID', material.variable, `${material.variable} is not a usable private key: ${error.message}`);
    }
  } finally {
    for (const name of Object.keys(env)) if (KEY_VARIABLE.test(name)) delete env[name];
  }
}

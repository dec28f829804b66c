import type { AppConfig } from '@mirrorbook/config';
import { readSecretFile, walletKeyFromEnv, WalletKeyError, type SecretFileReader } from '@mirrorbook/injective';
import { registerLogSecret } from '@mirrorbook/observability';
import type { ExecutorWallet } from './executor-wallet';

const KEY_VARIABLE = /^WALLET_[A-Z0-9_]+_PRIVATE_KEY(_FILE)?$/;

/**
 * The wallet selected by `WALLET_ID`, its key read once from its file, registered with the log
 * redactor and kept only inside the returned wallet. Key variables are then removed from `env`,
 * so no child process inherits them. Throws `WalletKeyError` naming the variable to fix.
 */
export function loadExecutorWallet(
  config: AppConfig,
  env: NodeJS.ProcessEnv = process.env,
  readFile: SecretFileReader = readSecretFile,
): ExecutorWallet {
  const id = config.env.WALLET_ID;
  if (!id) throw new WalletKeyError('UNKNOWN_WALLET', 'WALLET_ID', 'WALLET_ID is not set: name the wallet of config/bots.json this executor signs for');
  if (!config.wallets.some((w) => w.id === id)) {
    throw new WalletKeyError('UNKNOWN_WALLET', 'WALLET_ID', `WALLET_ID names wallet "${id}", which config/bots.json does not list`);
  }
  try {
    const { wallet, key } = walletKeyFromEnv(id, env, readFile);
    registerLogSecret(key.bytes());
    return { id, wallet };
  } finally {
    for (const name of Object.keys(env)) if (KEY_VARIABLE.test(name)) delete env[name];
  }
}

import type { AppConfig } from '@mirrorbook/config';
import { readSecretFile, walletKeyFromEnv, WalletKeyError, type SecretFileReader } from '@mirrorbook/injective';
import { registerLogSecret } from '@mirrorbook/observability';
import type { ExecutorWallet } from './executor-wallet';
import { executorWalletIds } from './executor-wallet-ids';

const KEY_VARIABLE = /^WALLET_[A-Z0-9_]+_PRIVATE_KEY(_FILE)?$/;

/**
 * The wallets selected by `WALLET_ID` (one) or `EXECUTOR_WALLETS` (several, `executorWalletIds`),
 * each key read once from its file, registered with the log redactor and kept only inside its
 * wallet. Key variables are then removed from `env` (whatever happened), so no child process
 * inherits them. Throws `WalletKeyError` naming the wallet's variable to fix; two wallets of one
 * process signing for one address are refused (they would race on one account sequence).
 */
export function loadExecutorWallets(
  config: AppConfig,
  env: NodeJS.ProcessEnv = process.env,
  readFile: SecretFileReader = readSecretFile,
): ExecutorWallet[] {
  try {
    const ids = executorWalletIds(config.env, config.wallets.map((w) => w.id));
    const wallets: ExecutorWallet[] = [];
    for (const id of ids) {
      const { wallet, key, variable } = walletKeyFromEnv(id, env, readFile);
      registerLogSecret(key.bytes());
      const twin = wallets.find((w) => w.wallet.injAddress === wallet.injAddress);
      if (twin) throw new WalletKeyError('INVALID', variable, `${variable} holds the key of wallet ${twin.id} (${wallet.injAddress}): give each wallet of config/bots.json its own key`);
      wallets.push({ id, wallet });
    }
    return wallets;
  } finally {
    for (const name of Object.keys(env)) if (KEY_VARIABLE.test(name)) delete env[name];
  }
}

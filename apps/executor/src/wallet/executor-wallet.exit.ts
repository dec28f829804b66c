import type { AppConfig } from '@mirrorbook/config';
import { EXIT_CONFIG } from '@mirrorbook/runtime';
import type { ExecutorWallet } from './executor-wallet';
import { loadExecutorWallets } from './executor-wallet.loader';
import { WalletKeyError } from '@mirrorbook/injective';

/**
 * `loadExecutorWallets`, or one line naming the variable to fix on stderr and exit code 78 (the
 * starter does not restart a configuration error).
 */
export function loadExecutorWalletsOrExit(config: AppConfig): ExecutorWallet[] {
  try {
    return loadExecutorWallets(config);
  } catch (error) {
    if (!(error instanceof WalletKeyError)) throw error;
    process.stderr.write(`executor: invalid configuration: ${error.message}\n`);
    process.exit(EXIT_CONFIG);
  }
}

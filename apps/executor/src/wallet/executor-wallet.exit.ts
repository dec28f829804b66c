import type { AppConfig } from '@mirrorbook/config';
import { EXIT_CONFIG } from '@mirrorbook/runtime';
import type { ExecutorWallet } from './executor-wallet';
import { loadExecutorWallet } from './executor-wallet.loader';
import { WalletKeyError } from '@mirrorbook/injective';

/**
 * `loadExecutorWallet`, or one line naming the variable to fix on stderr and exit code 78 (the
 * starter does not restart a configuration error).
 */
export function loadExecutorWalletOrExit(config: AppConfig): ExecutorWallet {
  try {
    return loadExecutorWallet(config);
  } catch (error) {
    if (!(error instanceof WalletKeyError)) throw error;
    process.stderr.write(`executor: invalid configuration: ${error.message}\n`);
    process.exit(EXIT_CONFIG);
  }
}

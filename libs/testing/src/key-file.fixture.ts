import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `WALLET_<ID>_PRIVATE_KEY_FILE`, the one way a process is given a wallet's key. */
export function walletKeyFileVariable(walletId: string): string {
  return `WALLET_${walletId.toUpperCase()}_PRIVATE_KEY_FILE`;
}

/**
 * Writes `key` to `<dir>/wallet_<id>` (mode 0600 unless `mode` says otherwise) and returns the
 * environment that hands it to a process: `{ WALLET_<ID>_PRIVATE_KEY_FILE: path }`.
 */
export function writeWalletKeyFile(dir: string, walletId: string, key: string, mode = 0o600): Record<string, string> {
  const path = join(dir, `wallet_${walletId}`);
  writeFileSync(path, `${key}\n`, { mode });
  chmodSync(path, mode);
  return { [walletKeyFileVariable(walletId)]: path };
}

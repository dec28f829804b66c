import { WalletKeyError } from '@mirrorbook/injective';

/** The two ways an executor is told which wallets it signs for (the validated environment). */
export interface ExecutorWalletSelection {
  /** the one wallet of a single-wallet executor (the default: one wallet per process) */
  readonly WALLET_ID?: string | undefined;
  /** `w1,w2,…`: several wallets in one process, one tenure each */
  readonly EXECUTOR_WALLETS?: string | undefined;
}

const refuse = (variable: string, message: string) => new WalletKeyError('UNKNOWN_WALLET', variable, message);

/**
 * The wallet ids this executor process signs for: `WALLET_ID` alone (one wallet, unchanged), or
 * the list of `EXECUTOR_WALLETS`. Throws `WalletKeyError` naming the variable to fix when neither
 * is set, both are set and disagree (only `WALLET_ID=w1` with `EXECUTOR_WALLETS=w1` agree), an
 * entry is empty, a wallet repeats, or one is not in config/bots.json (`configured`).
 */
export function executorWalletIds(env: ExecutorWalletSelection, configured: readonly string[]): string[] {
  const single = env.WALLET_ID?.trim() ?? '';
  const list = env.EXECUTOR_WALLETS?.trim() ?? '';
  if (list === '') {
    if (single === '') {
      throw refuse('WALLET_ID', 'WALLET_ID is not set: name the wallet of config/bots.json this executor signs for (or several in EXECUTOR_WALLETS=w1,w2)');
    }
    if (!configured.includes(single)) throw refuse('WALLET_ID', `WALLET_ID names wallet "${single}", which config/bots.json does not list`);
    return [single];
  }
  const ids = list.split(',').map((id) => id.trim());
  if (ids.some((id) => id === '')) throw refuse('EXECUTOR_WALLETS', `EXECUTOR_WALLETS="${list}" has an empty entry: list wallet ids separated by commas, e.g. w1,w2`);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) throw refuse('EXECUTOR_WALLETS', `EXECUTOR_WALLETS names wallet "${repeated}" twice: each wallet has one tenure`);
  const unknown = ids.find((id) => !configured.includes(id));
  if (unknown !== undefined) throw refuse('EXECUTOR_WALLETS', `EXECUTOR_WALLETS names wallet "${unknown}", which config/bots.json does not list`);
  if (single !== '' && !(ids.length === 1 && ids[0] === single)) {
    throw refuse('EXECUTOR_WALLETS', `WALLET_ID=${single} and EXECUTOR_WALLETS=${list} disagree: set one of them (EXECUTOR_WALLETS for several wallets)`);
  }
  return ids;
}

import { walletKeyFromEnv, WalletKeyError, walletKeyVariables, type SecretFileReader, type Wallet } from '@mirrorbook/injective';

export { walletKeyVariables, type SecretFileReader };

/** What the environment holds for one wallet's key. */
export type WalletKeyLookup =
  | { readonly kind: 'absent'; readonly variable: string }
  | { readonly kind: 'found'; readonly variable: string; readonly wallet: Wallet }
  | { readonly kind: 'invalid'; readonly variable: string; readonly problem: string };

/** `WALLET_<ID>_ADDRESS`: the wallet's `inj1…` address for read-only commands. */
export function walletAddressVariable(walletId: string): string {
  return `WALLET_${walletId.toUpperCase()}_ADDRESS`;
}

/**
 * The wallet whose key the environment holds, if any (read as the executor reads it). Problems
 * name the variable and never quote key material.
 */
export function lookupWalletKey(walletId: string, env: NodeJS.ProcessEnv, readFile: SecretFileReader): WalletKeyLookup {
  const { file } = walletKeyVariables(walletId);
  try {
    const { variable, wallet } = walletKeyFromEnv(walletId, env, readFile);
    return { kind: 'found', variable, wallet };
  } catch (error) {
    if (!(error instanceof WalletKeyError)) throw error;
    if (error.problem === 'MISSING' && !env[file]?.trim()) return { kind: 'absent', variable: file };
    return { kind: 'invalid', variable: error.variable, problem: error.message };
  }
}

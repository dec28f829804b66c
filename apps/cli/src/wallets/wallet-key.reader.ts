import { InvalidPrivateKeyError, walletFromPrivateKey, type Wallet } from '@mirrorbook/injective';

/** Reads a secret file; injected so the logic is testable without a disk. */
export type SecretFileReader = (path: string) => string;

/** What the environment holds for one wallet's key. */
export type WalletKeyLookup =
  | { readonly kind: 'absent'; readonly variables: readonly [string, string] }
  | { readonly kind: 'found'; readonly variable: string; readonly wallet: Wallet }
  | { readonly kind: 'invalid'; readonly variable: string; readonly problem: string };

/** `WALLET_<ID>_PRIVATE_KEY` and `WALLET_<ID>_PRIVATE_KEY_FILE` (as the executor reads them). */
export function walletKeyVariables(walletId: string): { inline: string; file: string } {
  const stem = `WALLET_${walletId.toUpperCase()}_PRIVATE_KEY`;
  return { inline: stem, file: `${stem}_FILE` };
}

/** `WALLET_<ID>_ADDRESS`: the wallet's `inj1…` address for read-only commands. */
export function walletAddressVariable(walletId: string): string {
  return `WALLET_${walletId.toUpperCase()}_ADDRESS`;
}

/**
 * The wallet whose key the environment holds, if any. Problems name the variable and never
 * quote key material (not even a file's content in an error).
 */
export function lookupWalletKey(walletId: string, env: NodeJS.ProcessEnv, readFile: SecretFileReader): WalletKeyLookup {
  const { inline, file } = walletKeyVariables(walletId);
  const inlineValue = env[inline]?.trim() ?? '';
  const filePath = env[file]?.trim() ?? '';
  if (inlineValue !== '' && filePath !== '') {
    return { kind: 'invalid', variable: inline, problem: `both ${inline} and ${file} are set; keep one` };
  }
  let variable = inline;
  let key = inlineValue;
  if (key === '' && filePath !== '') {
    variable = file;
    try {
      key = readFile(filePath).trim();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      return { kind: 'invalid', variable, problem: `${file} names a file that cannot be read (${code})` };
    }
    if (key === '') return { kind: 'invalid', variable, problem: `${file} names an empty file` };
  }
  if (key === '') return { kind: 'absent', variables: [inline, file] };
  try {
    return { kind: 'found', variable, wallet: walletFromPrivateKey(key) };
  } catch (error) {
    if (!(error instanceof InvalidPrivateKeyError)) throw error;
    return { kind: 'invalid', variable, problem: `${variable} is not a usable private key (${error.reason === 'FORMAT' ? 'expected 64 hex digits' : 'out of range'})` };
  }
}

import { InvalidPrivateKeyError } from '../errors/invalid-private-key.error';
import { walletFromPrivateKey } from './wallet.factory';
import type { Wallet } from './wallet.model';
import { WalletKeyError } from './wallet-key.error';

/** Reads a secret file's text; injected so the logic stays testable without a disk. */
export type SecretFileReader = (path: string) => string;

/** Where a wallet's key was found, and the key text itself (to be handed to the wallet factory at once). */
export interface WalletKeyMaterial {
  /** the variable that supplied it: `WALLET_<ID>_PRIVATE_KEY` or `WALLET_<ID>_PRIVATE_KEY_FILE` */
  readonly variable: string;
  readonly key: string;
}

/** The two variable names a wallet's key may come from. */
export function walletKeyVariables(walletId: string): { inline: string; file: string } {
  const stem = `WALLET_${walletId.toUpperCase()}_PRIVATE_KEY`;
  return { inline: stem, file: `${stem}_FILE` };
}

/**
 * The key of `walletId` from `WALLET_<ID>_PRIVATE_KEY` or the file named by
 * `WALLET_<ID>_PRIVATE_KEY_FILE` (exactly one of them). Throws `WalletKeyError` naming the
 * variable; neither the message nor the cause ever carries key material.
 */
export function readWalletKey(walletId: string, env: NodeJS.ProcessEnv, readFile: SecretFileReader): WalletKeyMaterial {
  const { inline, file } = walletKeyVariables(walletId);
  const inlineValue = env[inline]?.trim() ?? '';
  const filePath = env[file]?.trim() ?? '';
  if (inlineValue !== '' && filePath !== '') {
    throw new WalletKeyError('AMBIGUOUS', inline, `both ${inline} and ${file} are set; keep one`);
  }
  if (inlineValue !== '') return { variable: inline, key: inlineValue };
  if (filePath === '') {
    throw new WalletKeyError('MISSING', inline, `wallet ${walletId} has no key: set ${inline} or ${file}`);
  }
  let text: string;
  try {
    text = readFile(filePath);
  } catch (error) {
    // only the errno code: a message could quote the path's contents in exotic filesystems
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new WalletKeyError('UNREADABLE', file, `${file} names a file that cannot be read (${code})`);
  }
  const key = text.trim();
  if (key === '') throw new WalletKeyError('MISSING', file, `${file} names an empty file`);
  return { variable: file, key };
}

/**
 * The wallet of `walletId` from its key variable: `readWalletKey` handed straight to the wallet
 * factory. Throws `WalletKeyError` (an unusable key is `INVALID`), never quoting key material.
 */
export function walletFromEnv(walletId: string, env: NodeJS.ProcessEnv, readFile: SecretFileReader): Wallet {
  const material = readWalletKey(walletId, env, readFile);
  try {
    return walletFromPrivateKey(material.key);
  } catch (error) {
    if (!(error instanceof InvalidPrivateKeyError)) throw error;
    throw new WalletKeyError('INVALID', material.variable, `${material.variable} is not a usable private key: ${error.message}`);
  }
}

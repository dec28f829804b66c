import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { InvalidPrivateKeyError } from '../errors/invalid-private-key.error';
import { PrivateKey } from './private-key.secret';
import { walletFromPrivateKey } from './wallet.factory';
import type { Wallet } from './wallet.model';
import { WalletKeyError } from './wallet-key.error';

/**
 * Reads a secret file's text; injected so the logic stays testable without a disk. Throws
 * `SecretFileModeError` for a file group or others may access (`readSecretFile` does).
 */
export type SecretFileReader = (path: string) => string;

/** A secret file with permissions for group or others. */
export class SecretFileModeError extends Error {
  constructor(readonly mode: number) {
    super(`secret file has mode ${formatMode(mode)}`);
    this.name = 'SecretFileModeError';
  }
}

/** Where a wallet's key was found, and the key text itself (to be handed to the wallet factory at once). */
export interface WalletKeyMaterial {
  /** the variable that supplied it: `WALLET_<ID>_PRIVATE_KEY_FILE` */
  readonly variable: string;
  readonly key: string;
}

/** A wallet loaded from its key file, with the key itself (to register with the log redactor). */
export interface LoadedWalletKey {
  readonly variable: string;
  readonly wallet: Wallet;
  readonly key: PrivateKey;
}

function formatMode(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0');
}

/**
 * The text of a secret file, refused (`SecretFileModeError`) when group or others have any
 * permission on it. The mode is read from the opened file, so it is the mode of what is read.
 */
export function readSecretFile(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const { mode } = fstatSync(fd);
    if (mode & 0o077) throw new SecretFileModeError(mode);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * The two variable names a wallet's key is looked for under: `file` is the one accepted, `inline`
 * is refused wherever it is found.
 */
export function walletKeyVariables(walletId: string): { inline: string; file: string } {
  const stem = `WALLET_${walletId.toUpperCase()}_PRIVATE_KEY`;
  return { inline: stem, file: `${stem}_FILE` };
}

/**
 * The key of `walletId` from the file named by `WALLET_<ID>_PRIVATE_KEY_FILE`. The inline
 * `WALLET_<ID>_PRIVATE_KEY` is refused: a process's initial environment stays readable in
 * `/proc/<pid>/environ` for its whole life, whatever it deletes. Throws `WalletKeyError` naming
 * the variable and the fix; neither the message nor the cause ever carries key material.
 */
export function readWalletKey(walletId: string, env: NodeJS.ProcessEnv, readFile: SecretFileReader): WalletKeyMaterial {
  const { inline, file } = walletKeyVariables(walletId);
  const filePath = env[file]?.trim() ?? '';
  if ((env[inline]?.trim() ?? '') !== '') {
    throw new WalletKeyError(
      'INLINE',
      inline,
      `${inline} is refused: keys are read from files only (the environment stays readable in /proc/<pid>/environ); write the key to a file, chmod 600 it and set ${file} to its path`,
    );
  }
  if (filePath === '') {
    throw new WalletKeyError('MISSING', file, `wallet ${walletId} has no key: set ${file} to a key file (chmod 600)`);
  }
  let text: string;
  try {
    text = readFile(filePath);
  } catch (error) {
    if (error instanceof SecretFileModeError) {
      throw new WalletKeyError(
        'INSECURE',
        file,
        `${file} names a file that group or others can access (mode ${formatMode(error.mode)}): run chmod 600 ${filePath}`,
      );
    }
    // only the errno code: a message could quote the path's contents in exotic filesystems
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new WalletKeyError('UNREADABLE', file, `${file} names a file that cannot be read (${code})`);
  }
  const key = text.trim();
  if (key === '') throw new WalletKeyError('MISSING', file, `${file} names an empty file`);
  return { variable: file, key };
}

/**
 * The wallet of `walletId` and its wrapped key: `readWalletKey` handed straight to the wallet
 * factory. Throws `WalletKeyError` (an unusable key is `INVALID`), never quoting key material.
 */
export function walletKeyFromEnv(walletId: string, env: NodeJS.ProcessEnv, readFile: SecretFileReader = readSecretFile): LoadedWalletKey {
  const material = readWalletKey(walletId, env, readFile);
  try {
    const key = PrivateKey.fromHex(material.key);
    return { variable: material.variable, wallet: walletFromPrivateKey(key), key };
  } catch (error) {
    if (!(error instanceof InvalidPrivateKeyError)) throw error;
    throw new WalletKeyError('INVALID', material.variable, `${material.variable} is not a usable private key: ${error.message}`);
  }
}

/**
 * Why the executor cannot sign: `MISSING` key file, key `INLINE` in the environment (refused), key
 * file `UNREADABLE` or `INSECURE` (group/other permissions), `INVALID` key or `UNKNOWN_WALLET`.
 */
export type WalletKeyProblem = 'MISSING' | 'INLINE' | 'UNREADABLE' | 'INSECURE' | 'INVALID' | 'UNKNOWN_WALLET';

/**
 * The wallet's key cannot be used. The message names the environment variable (never its value,
 * never any part of the key) so an operator knows what to fix.
 */
export class WalletKeyError extends Error {
  readonly code = 'WALLET_KEY_INVALID';

  constructor(
    readonly problem: WalletKeyProblem,
    /** the variable to fix, e.g. `WALLET_W1_PRIVATE_KEY_FILE` */
    readonly variable: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WalletKeyError';
  }
}

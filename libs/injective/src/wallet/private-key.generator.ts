import { randomBytes } from 'node:crypto';
import { secp256k1 } from '@noble/curves/secp256k1';

/**
 * A fresh random private key as 64 lower-case hex digits (no `0x`), for demo wallets. Draws from
 * the OS CSPRNG and redraws in the (≈2^-128) case the bytes are not a valid secp256k1 scalar.
 */
export function generatePrivateKeyHex(): string {
  for (;;) {
    const candidate = randomBytes(32);
    if (secp256k1.utils.isValidPrivateKey(candidate)) return candidate.toString('hex');
  }
}

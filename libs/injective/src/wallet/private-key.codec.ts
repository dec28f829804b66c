import { secp256k1 } from '@noble/curves/secp256k1';
import { InvalidPrivateKeyError } from '../errors/invalid-private-key.error';

const HEX_KEY = /^(?:0x)?([0-9a-fA-F]{64})$/;

/**
 * The 32 key bytes of a 64-hex-digit private key, with or without `0x`. Throws
 * `InvalidPrivateKeyError` (`FORMAT` or `OUT_OF_RANGE`) without echoing any of the input.
 */
export function privateKeyBytes(hex: string): Uint8Array {
  const match = typeof hex === 'string' ? HEX_KEY.exec(hex.trim()) : null;
  if (!match?.[1]) throw new InvalidPrivateKeyError('FORMAT');
  const bytes = Uint8Array.from(Buffer.from(match[1], 'hex'));
  // isValidPrivateKey answers false instead of throwing an error that could quote the key
  if (!secp256k1.utils.isValidPrivateKey(bytes)) throw new InvalidPrivateKeyError('OUT_OF_RANGE');
  return bytes;
}

import { InjectiveError } from './injective.error';

/** `FORMAT`: not 64 hex digits; `OUT_OF_RANGE`: zero or not below the secp256k1 group order. */
export type InvalidPrivateKeyReason = 'FORMAT' | 'OUT_OF_RANGE';

/** A private key that cannot be used. The message never contains the key, nor any part of it. */
export class InvalidPrivateKeyError extends InjectiveError {
  override readonly name = 'InvalidPrivateKeyError';
  readonly code = 'INVALID_PRIVATE_KEY';

  constructor(readonly reason: InvalidPrivateKeyReason) {
    super(
      reason === 'FORMAT'
        ? 'private key must be 64 hex digits, optionally prefixed with 0x'
        : 'private key is not a valid secp256k1 scalar',
    );
  }
}

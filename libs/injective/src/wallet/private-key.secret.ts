import { inspect } from 'node:util';
import { privateKeyBytes } from './private-key.codec';

const HIDDEN = 'PrivateKey [redacted]';

/**
 * A validated secp256k1 private key that cannot be serialized by accident: `JSON.stringify`
 * throws, `util.inspect`, `String()` and template literals print `PrivateKey [redacted]`, and
 * `{ ...key }` is empty (the bytes live in a private field).
 */
export class PrivateKey {
  readonly #bytes: Uint8Array;

  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  /** 64 hex digits, with or without `0x`; throws `InvalidPrivateKeyError` without echoing the input. */
  static fromHex(hex: string): PrivateKey {
    return new PrivateKey(privateKeyBytes(hex));
  }

  /** A copy of the 32 key bytes: for signing, and for registering the key with the log redactor. */
  bytes(): Uint8Array {
    return this.#bytes.slice();
  }

  toJSON(): never {
    throw new TypeError('a PrivateKey cannot be serialized');
  }

  toString(): string {
    return HIDDEN;
  }

  [inspect.custom](): string {
    return HIDDEN;
  }
}

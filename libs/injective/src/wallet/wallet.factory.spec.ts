import { inspect } from 'node:util';
import { getDefaultSubaccountId, PrivateKey } from '@injectivelabs/sdk-ts';
import { secp256k1 } from '@noble/curves/secp256k1';
import { keccak_256 } from '@noble/hashes/sha3';
import fc from 'fast-check';
import { InvalidPrivateKeyError } from '../errors/invalid-private-key.error';
import { generatePrivateKeyHex } from './private-key.generator';
import { walletFromPrivateKey } from './wallet.factory';

const KEY_11 = '0x' + '11'.repeat(32);
// secp256k1 group order n: the first invalid scalar
const CURVE_ORDER = 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141';

function invalidKeyError(hex: string): InvalidPrivateKeyError {
  try {
    walletFromPrivateKey(hex);
  } catch (error) {
    if (error instanceof InvalidPrivateKeyError) return error;
    throw error;
  }
  throw new Error('expected an InvalidPrivateKeyError');
}

describe('walletFromPrivateKey', () => {
  describe('when given the throwaway key 0x11…11', () => {
    const wallet = walletFromPrivateKey(KEY_11);

    it('derives the addresses sdk-ts derives', () => {
      const sdk = PrivateKey.fromHex(KEY_11);
      expect(wallet.injAddress).toBe(sdk.toBech32());
      expect(wallet.ethAddress).toBe(sdk.toAddress().toHex().toLowerCase());
      expect(wallet.publicKeyBase64).toBe(sdk.toPublicKey().toBase64());
    });

    it('derives the known address and default subaccount', () => {
      expect(wallet.injAddress).toBe('inj1r8n7xah8cgfm0el8u3kvwzja6zrd4le2krtp7d');
      expect(wallet.ethAddress).toBe('0x19e7e376e7c213b7e7e7e46cc70a5dd086daff2a');
      expect(wallet.subaccountId).toBe('0x19e7e376e7c213b7e7e7e46cc70a5dd086daff2a000000000000000000000000');
      expect(wallet.subaccountId).toBe(getDefaultSubaccountId(wallet.injAddress));
    });

    it('signs like sdk-ts: r‖s over keccak256 of the bytes, verifiable with the public key', () => {
      const message = new TextEncoder().encode('sign doc bytes');
      const signature = wallet.sign(message);
      expect(signature).toHaveLength(64);
      expect(Buffer.from(signature)).toEqual(Buffer.from(PrivateKey.fromHex(KEY_11).sign(message)));
      const publicKey = Buffer.from(wallet.publicKeyBase64, 'base64');
      expect(secp256k1.verify(signature, keccak_256(message), publicKey)).toBe(true);
    });
  });

  describe('when given random keys', () => {
    it('always agrees with sdk-ts on the address', () => {
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
          fc.pre(secp256k1.utils.isValidPrivateKey(bytes));
          const hex = Buffer.from(bytes).toString('hex');
          expect(walletFromPrivateKey(hex).injAddress).toBe(PrivateKey.fromHex(hex).toBech32());
        }),
        { numRuns: 25 },
      );
    });
  });

  describe('when the key is written differently', () => {
    it('accepts it without 0x and in upper case', () => {
      const plain = walletFromPrivateKey('11'.repeat(32));
      const upper = walletFromPrivateKey('0x' + 'AB'.repeat(32));
      expect(plain.injAddress).toBe(walletFromPrivateKey(KEY_11).injAddress);
      expect(upper.injAddress).toBe(PrivateKey.fromHex('ab'.repeat(32)).toBech32());
    });
  });

  describe('when the wallet is printed, serialized or spread', () => {
    const secretHex = '5c'.repeat(16) + '3a'.repeat(16);
    const wallet = walletFromPrivateKey(secretHex);
    const secretForms = [secretHex, secretHex.toUpperCase(), Buffer.from(secretHex, 'hex').toString('base64')];

    it.each([
      ['JSON.stringify', () => JSON.stringify(wallet)],
      ['util.inspect with hidden fields', () => inspect(wallet, { showHidden: true, depth: Infinity, getters: true })],
      ['object spread', () => inspect({ ...wallet }, { showHidden: true, depth: Infinity })],
      ['String()', () => String(wallet)],
      ['template literal of the signer', () => `${wallet.sign.toString()}`],
      ['own property values', () => JSON.stringify(Object.getOwnPropertyNames(wallet).map((k) => String(Reflect.get(wallet, k))))],
    ])('never shows the key through %s', (_how, render) => {
      const output = render();
      for (const secret of secretForms) expect(output).not.toContain(secret);
    });

    it('cannot be altered', () => {
      expect(Object.isFrozen(wallet)).toBe(true);
    });
  });

  describe('when the key is unusable', () => {
    it.each([
      ['too short', '11'.repeat(31)],
      ['too long', '11'.repeat(33)],
      ['not hex', 'zz'.repeat(32)],
      ['empty', ''],
    ])('refuses a key that is %s as FORMAT', (_why, hex) => {
      expect(invalidKeyError(hex).reason).toBe('FORMAT');
    });

    it.each([
      ['zero', '00'.repeat(32)],
      ['the curve order', CURVE_ORDER],
      ['above the curve order', 'ff'.repeat(32)],
    ])('refuses %s as OUT_OF_RANGE', (_why, hex) => {
      expect(invalidKeyError(hex).reason).toBe('OUT_OF_RANGE');
    });

    it('never echoes the key in the error', () => {
      const almost = '7e'.repeat(31) + '7';
      const error = invalidKeyError(almost);
      expect(error.code).toBe('INVALID_PRIVATE_KEY');
      expect(`${error.message} ${error.stack} ${inspect(error)}`).not.toContain('7e7e7e');
    });
  });
});

describe('generatePrivateKeyHex', () => {
  it('returns 64 lower-case hex digits that make a valid wallet', () => {
    const hex = generatePrivateKeyHex();
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
    expect(secp256k1.utils.isValidPrivateKey(Buffer.from(hex, 'hex'))).toBe(true);
    expect(walletFromPrivateKey(hex).injAddress).toBe(PrivateKey.fromHex(hex).toBech32());
  });

  it('returns a different key each time', () => {
    const keys = new Set(Array.from({ length: 20 }, generatePrivateKeyHex));
    expect(keys.size).toBe(20);
  });
});

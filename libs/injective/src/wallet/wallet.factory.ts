import { getDefaultSubaccountId, getInjectiveAddress } from '@injectivelabs/sdk-ts';
import { secp256k1 } from '@noble/curves/secp256k1';
import { keccak_256 } from '@noble/hashes/sha3';
import { PrivateKey } from './private-key.secret';
import type { Wallet } from './wallet.model';

/**
 * A wallet for a private key, or its 64 hex digits (with or without `0x`). Throws
 * `InvalidPrivateKeyError`, whose message never contains the key. Addresses are derived
 * Ethereum-style (keccak256 of the uncompressed public key), as Injective does.
 */
export function walletFromPrivateKey(privateKey: string | PrivateKey): Wallet {
  const key = (typeof privateKey === 'string' ? PrivateKey.fromHex(privateKey) : privateKey).bytes();
  const uncompressed = secp256k1.getPublicKey(key, false);
  const ethAddress = `0x${Buffer.from(keccak_256(uncompressed.subarray(1)).subarray(-20)).toString('hex')}`;
  const injAddress = getInjectiveAddress(ethAddress);
  return Object.freeze({
    injAddress,
    ethAddress,
    subaccountId: getDefaultSubaccountId(injAddress),
    publicKeyBase64: Buffer.from(secp256k1.getPublicKey(key, true)).toString('base64'),
    sign: (bytes: Uint8Array): Uint8Array => secp256k1.sign(keccak_256(bytes), key, { lowS: true }).toCompactRawBytes(),
  });
}

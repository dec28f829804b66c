import { secp256k1 } from '@noble/curves/secp256k1';
import { keccak_256 } from '@noble/hashes/sha3';
import { hexToInjAddress } from './address.codec';
import { PrivateKey } from './private-key.secret';
import { ethAddressOfPublicKey } from './public-key.address';
import { subaccountIdOf } from './subaccount-id.codec';
import type { Wallet } from './wallet.model';

/**
 * A wallet for a private key, or its 64 hex digits (with or without `0x`). Throws
 * `InvalidPrivateKeyError`, whose message never contains the key. Addresses are derived
 * Ethereum-style (keccak256 of the uncompressed public key), as Injective does.
 */
export function walletFromPrivateKey(privateKey: string | PrivateKey): Wallet {
  const key = (typeof privateKey === 'string' ? PrivateKey.fromHex(privateKey) : privateKey).bytes();
  const ethAddress = ethAddressOfPublicKey(secp256k1.getPublicKey(key, false));
  const injAddress = hexToInjAddress(ethAddress);
  return Object.freeze({
    injAddress,
    ethAddress,
    subaccountId: subaccountIdOf(injAddress),
    publicKeyBase64: Buffer.from(secp256k1.getPublicKey(key, true)).toString('base64'),
    sign: (bytes: Uint8Array): Uint8Array => secp256k1.sign(keccak_256(bytes), key, { lowS: true }).toCompactRawBytes(),
  });
}

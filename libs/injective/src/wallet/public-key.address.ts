import { secp256k1 } from '@noble/curves/secp256k1';
import { keccak_256 } from '@noble/hashes/sha3';
import { bytesToHex } from '@noble/hashes/utils';
import { hexToInjAddress } from './address.codec';

/**
 * The `0x…` Ethereum address of a secp256k1 public key (33 bytes compressed or 65 uncompressed):
 * the last 20 bytes of keccak256 of the uncompressed key without its prefix, as Injective derives it.
 */
export function ethAddressOfPublicKey(publicKey: Uint8Array): string {
  const uncompressed = secp256k1.ProjectivePoint.fromHex(publicKey).toRawBytes(false);
  return `0x${bytesToHex(keccak_256(uncompressed.subarray(1)).subarray(-20))}`;
}

/** The `inj1…` address of a secp256k1 public key (33 or 65 bytes). */
export function injAddressOfPublicKey(publicKey: Uint8Array): string {
  return hexToInjAddress(ethAddressOfPublicKey(publicKey));
}

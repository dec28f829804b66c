/**
 * A signing key with its derived identities. The private key lives only in the `sign` closure:
 * `JSON.stringify`, `util.inspect` and `{ ...wallet }` never show it.
 */
export interface Wallet {
  /** bech32 account address, `inj1…` */
  readonly injAddress: string;
  /** 0x-prefixed, lower-case 20-byte Ethereum-style address of the same key */
  readonly ethAddress: string;
  /** default subaccount (nonce 0): 0x + eth address + 24 zero hex digits */
  readonly subaccountId: string;
  /** 33-byte compressed secp256k1 public key, base64 (what `createTransaction` wants) */
  readonly publicKeyBase64: string;
  /** 64-byte r‖s secp256k1 signature (low-s) over keccak256(`bytes`) — Injective's sign mode DIRECT */
  sign(bytes: Uint8Array): Uint8Array;
}

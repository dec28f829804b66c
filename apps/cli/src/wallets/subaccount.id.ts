// bech32 (BIP-173) decoding, just enough to turn an `inj1…` address into its default subaccount
// id without the SDK (only libs/injective may import @injectivelabs/*).

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const value of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GENERATORS[i] as number;
  }
  return chk >>> 0;
}

function hrpExpand(hrp: string): number[] {
  const codes = [...hrp].map((c) => c.charCodeAt(0));
  return [...codes.map((c) => c >> 5), 0, ...codes.map((c) => c & 31)];
}

/** The 20 account bytes of an `inj1…` address, or null when it is not a valid one. */
export function injAddressBytes(address: string): Uint8Array | null {
  if (typeof address !== 'string' || address.length > 90) return null;
  if (address !== address.toLowerCase() && address !== address.toUpperCase()) return null;
  const text = address.toLowerCase();
  const separator = text.lastIndexOf('1');
  if (text.slice(0, separator) !== 'inj' || text.length - separator - 1 < 6) return null;
  const data: number[] = [];
  for (const c of text.slice(separator + 1)) {
    const value = CHARSET.indexOf(c);
    if (value < 0) return null;
    data.push(value);
  }
  if (polymod([...hrpExpand('inj'), ...data]) !== 1) return null;
  // 5-bit groups → bytes, no padding allowed beyond the last group
  let acc = 0;
  let bits = 0;
  const bytes: number[] = [];
  for (const value of data.slice(0, -6)) {
    acc = (acc << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  if (bits >= 5 || ((acc << (8 - bits)) & 0xff) !== 0) return null;
  return bytes.length === 20 ? Uint8Array.from(bytes) : null;
}

/** True for a valid `inj1…` account address (20 bytes, correct checksum). */
export function isInjAddress(address: string): boolean {
  return injAddressBytes(address) !== null;
}

/**
 * The default subaccount (nonce 0) of an `inj1…` address: `0x` + the 20 address bytes in hex +
 * 24 zero digits, as the chain and `getDefaultSubaccountId` derive it. Null for an invalid address.
 */
export function defaultSubaccountId(address: string): string | null {
  const bytes = injAddressBytes(address);
  return bytes ? `0x${Buffer.from(bytes).toString('hex')}${'0'.repeat(24)}` : null;
}

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
const INJ_PREFIX = 'inj';

/** A string that is not a valid `inj1…` account address. */
export class InvalidAddressError extends Error {
  readonly code = 'INVALID_ADDRESS';
  constructor(readonly address: string, reason: string) {
    super(`decoding bech32 failed: ${reason}`);
    this.name = 'InvalidAddressError';
  }
}

/**
 * The 20 address bytes of an `inj1…` bech32 account address, as 40 lower-case hex digits (the
 * account's Ethereum address without `0x`). Throws `InvalidAddressError`.
 */
export function injAddressToHex(address: string): string {
  const bytes = decodeBech32(address);
  if (bytes.length !== 20) throw new InvalidAddressError(address, `expected 20 address bytes, got ${bytes.length}`);
  return Buffer.from(bytes).toString('hex');
}

/** The `inj1…` address of 20 address bytes given as 40 hex digits (with or without `0x`). */
export function hexToInjAddress(hex: string): string {
  const clean = hex.replace(/^0x/i, '').toLowerCase();
  if (!/^[0-9a-f]{40}$/.test(clean)) throw new InvalidAddressError(hex, 'expected 40 hex digits');
  const words = convertBits(Uint8Array.from(Buffer.from(clean, 'hex')), 8, 5, true);
  const checksum = createChecksum(INJ_PREFIX, words);
  return `${INJ_PREFIX}1${[...words, ...checksum].map((w) => CHARSET[w]).join('')}`;
}

/** True when `address` is a well-formed `inj1…` account address. */
export function isInjAddress(address: string): boolean {
  try {
    injAddressToHex(address);
    return true;
  } catch {
    // the decoder's error is the answer here
    return false;
  }
}

function decodeBech32(address: string): Uint8Array {
  if (address !== address.toLowerCase() && address !== address.toUpperCase()) {
    throw new InvalidAddressError(address, 'mixed case');
  }
  const text = address.toLowerCase();
  const sep = text.lastIndexOf('1');
  if (sep < 1 || sep + 7 > text.length || text.length > 90) throw new InvalidAddressError(address, 'invalid separator position');
  const prefix = text.slice(0, sep);
  if (prefix !== INJ_PREFIX) throw new InvalidAddressError(address, `invalid Bech32 prefix; expected ${INJ_PREFIX}, got ${prefix}`);
  const words: number[] = [];
  for (const ch of text.slice(sep + 1)) {
    const value = CHARSET.indexOf(ch);
    if (value === -1) throw new InvalidAddressError(address, `invalid character ${JSON.stringify(ch)}`);
    words.push(value);
  }
  if (polymod([...expandPrefix(prefix), ...words]) !== 1) throw new InvalidAddressError(address, 'invalid checksum');
  return Uint8Array.from(convertBits(Uint8Array.from(words.slice(0, -6)), 5, 8, false));
}

function polymod(values: number[]): number {
  let chk = 1;
  for (const value of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GENERATORS[i]!;
  }
  return chk;
}

function expandPrefix(prefix: string): number[] {
  const codes = [...prefix].map((c) => c.charCodeAt(0));
  return [...codes.map((c) => c >>> 5), 0, ...codes.map((c) => c & 31)];
}

function createChecksum(prefix: string, words: number[]): number[] {
  const mod = polymod([...expandPrefix(prefix), ...words, 0, 0, 0, 0, 0, 0]) ^ 1;
  return Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
}

function convertBits(data: Uint8Array, from: number, to: number, pad: boolean): number[] {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  const maxv = (1 << to) - 1;
  for (const value of data) {
    acc = (acc << from) | value;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >>> bits) & maxv);
    }
  }
  if (pad) {
    if (bits > 0) out.push((acc << (to - bits)) & maxv);
  } else if (bits >= from || ((acc << (to - bits)) & maxv) !== 0) {
    throw new InvalidAddressError('', 'invalid padding');
  }
  return out;
}

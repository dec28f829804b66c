import { injAddressToHex } from './address.codec';

/**
 * The subaccount id of an `inj1…` address and nonce: `0x` + the 20 address bytes in hex + the
 * nonce as 24 hex digits. Nonce 0 is the default subaccount, whose deposits are the bank balance.
 * Throws `InvalidAddressError` for a bad address.
 */
export function subaccountIdOf(address: string, nonce = 0): string {
  return `0x${injAddressToHex(address)}${nonce.toString(16).padStart(24, '0')}`;
}

/** The 40 hex address digits a subaccount id belongs to (lower case, no `0x`), or null if malformed. */
export function subaccountOwnerHex(subaccountId: string): string | null {
  return /^0x[0-9a-fA-F]{64}$/.test(subaccountId) ? subaccountId.slice(2, 42).toLowerCase() : null;
}

/** The default subaccount id of an `inj1…` address, or null when the address is not a valid one. */
export function defaultSubaccountIdOrNull(address: string): string | null {
  try {
    return subaccountIdOf(address);
  } catch {
    // an invalid address has no subaccount: the caller reports it
    return null;
  }
}

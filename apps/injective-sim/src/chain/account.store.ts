import { injAddressToHex } from '@mirrorbook/injective';

/** One account's committed auth state. */
export interface SimAccount {
  readonly address: string;
  /** 40 lower-case hex digits of the address bytes */
  readonly hex: string;
  readonly accountNumber: bigint;
  /** committed sequence: what account queries return */
  sequence: bigint;
  /** 33-byte compressed key, set by the account's first included tx */
  pubKey: Uint8Array | null;
}

/**
 * Accounts by address, with account numbers handed out in creation order. Holds committed state
 * only; the check-state sequence lives in `CheckState`.
 */
export class AccountStore {
  private readonly byAddress = new Map<string, SimAccount>();
  private nextNumber: bigint;

  constructor(firstAccountNumber: number) {
    this.nextNumber = BigInt(firstAccountNumber);
  }

  /** The account at `address`, or undefined. */
  get(address: string): SimAccount | undefined {
    return this.byAddress.get(address);
  }

  /** The account at `address`, created with the next account number if new. Throws `InvalidAddressError`. */
  ensure(address: string): SimAccount {
    const existing = this.byAddress.get(address);
    if (existing) return existing;
    const account: SimAccount = {
      address,
      hex: injAddressToHex(address),
      accountNumber: this.nextNumber++,
      sequence: 0n,
      pubKey: null,
    };
    this.byAddress.set(address, account);
    return account;
  }

  /** How many accounts exist. */
  get size(): number {
    return this.byAddress.size;
  }
}

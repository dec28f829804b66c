import type { Heartbeat } from '@mirrorbook/contracts';
import { CliError } from '../cli/cli.errors';
import { defaultSubaccountIdOrNull as defaultSubaccountId } from '@mirrorbook/injective';
import { lookupWalletKey, walletAddressVariable, type SecretFileReader } from './wallet-key.reader';

/** Where a wallet's address came from. */
export type AddressSource = 'option' | 'key' | 'env' | 'heartbeat';

/** A wallet's on-chain identity as far as the CLI could learn it. */
export interface WalletAddress {
  readonly wallet: string;
  /** `inj1…`, null when nothing said */
  readonly address: string | null;
  /** default subaccount, null when the address is unknown */
  readonly subaccountId: string | null;
  readonly source: AddressSource | null;
}

/**
 * The address of `walletId` from what this process can see without the network: its key
 * (`WALLET_<ID>_PRIVATE_KEY_FILE`, only the address is kept) or `WALLET_<ID>_ADDRESS`.
 * Throws a configuration error when a key or an address is present but unusable.
 */
export function localWalletAddress(walletId: string, env: NodeJS.ProcessEnv, readFile: SecretFileReader): WalletAddress {
  const key = lookupWalletKey(walletId, env, readFile);
  if (key.kind === 'invalid') throw CliError.config(key.problem);
  if (key.kind === 'found') {
    return { wallet: walletId, address: key.wallet.injAddress, subaccountId: key.wallet.subaccountId, source: 'key' };
  }
  const variable = walletAddressVariable(walletId);
  const fromEnv = env[variable]?.trim();
  if (fromEnv) {
    const subaccountId = defaultSubaccountId(fromEnv);
    if (!subaccountId) throw CliError.config(`${variable} is not a valid inj1… address`);
    return { wallet: walletId, address: fromEnv, subaccountId, source: 'env' };
  }
  return { wallet: walletId, address: null, subaccountId: null, source: null };
}

/** An address given with `--address` (no wallet id: shown as `-`). */
export function optionAddress(address: string, walletId = '-'): WalletAddress {
  const subaccountId = defaultSubaccountId(address);
  if (!subaccountId) throw CliError.usage(`--address must be a valid inj1… address, got "${address}"`);
  return { wallet: walletId, address, subaccountId, source: 'option' };
}

/**
 * The address an executor announced for `walletId` in its heartbeat (a running one preferred),
 * or null when no executor of that wallet was heard.
 */
export function heartbeatWalletAddress(walletId: string, heartbeats: readonly Heartbeat[]): WalletAddress | null {
  const candidates = heartbeats.filter((h) => h.app === 'executor' && h.wallet?.id === walletId);
  const best = candidates.find((h) => h.state === 'running') ?? candidates[0];
  if (!best?.wallet) return null;
  return { wallet: walletId, address: best.wallet.address, subaccountId: best.wallet.subaccountId, source: 'heartbeat' };
}

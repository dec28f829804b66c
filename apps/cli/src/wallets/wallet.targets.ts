import type { Heartbeat } from '@mirrorbook/contracts';
import type { CliContext } from '../cli/cli.context';
import { defaultListenMs, listenForHeartbeats } from '../health/heartbeat.listener';
import { heartbeatWalletAddress, localWalletAddress, optionAddress, type WalletAddress } from './address.resolver';

/** Which wallets a read-only command covers, from `--wallet`, `--all` and `--address`. */
export interface WalletSelection {
  readonly wallet?: string;
  readonly address?: string;
}

/**
 * The wallets to read with their addresses: `--address` as given; else each selected wallet's
 * address from its key or `WALLET_<ID>_ADDRESS`; wallets still unknown are looked up in the
 * executors' heartbeats (listening up to 1.5 heartbeat intervals). A wallet nobody can place
 * stays with `address: null`.
 */
export async function resolveWalletTargets(ctx: CliContext, selection: WalletSelection): Promise<WalletAddress[]> {
  if (selection.address) {
    return [optionAddress(selection.address, selection.wallet ? ctx.wallet(selection.wallet) : '-')];
  }
  const ids = selection.wallet ? [ctx.wallet(selection.wallet)] : ctx.config().wallets.map((w) => w.id);
  const local = ids.map((id) => localWalletAddress(id, ctx.env, ctx.readFile));
  const missing = local.filter((w) => w.address === null).map((w) => w.wallet);
  if (missing.length === 0) return local;
  const heartbeats = await executorHeartbeats(ctx, missing);
  return local.map((w) => (w.address === null ? (heartbeatWalletAddress(w.wallet, heartbeats) ?? w) : w));
}

async function executorHeartbeats(ctx: CliContext, wallets: readonly string[]): Promise<Heartbeat[]> {
  let nc;
  try {
    nc = await ctx.nats();
  } catch (error) {
    ctx.out.note(`cannot look up executor heartbeats for ${wallets.join(', ')}: ${(error as Error).message}`);
    return [];
  }
  const durationMs = defaultListenMs(ctx.config().env.HEARTBEAT_INTERVAL_MS);
  return ctx.progress.step(`listening for executor heartbeats of ${wallets.join(', ')}`, () =>
    listenForHeartbeats(nc, {
      durationMs,
      enough: (heard) => wallets.every((id) => heard.some((h) => h.app === 'executor' && h.wallet?.id === id && h.state === 'running')),
    }),
  );
}

/** The hint for a wallet without an address. */
export function noAddressHint(wallet: string): string {
  const id = wallet.toUpperCase();
  return `no address for wallet ${wallet}: set WALLET_${id}_ADDRESS (or its key), run its executor, or pass --address`;
}

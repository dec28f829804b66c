import { redisKeys } from '@mirrorbook/contracts';
import type { NetworkSides, Wallet } from '@mirrorbook/injective';
import { Lease, uniqueHolderValue } from '@mirrorbook/locking';
import type { CliContext } from '../cli/cli.context';
import { CliError } from '../cli/cli.errors';
import { formatAge } from '../format/number.format';
import { lookupWalletKey } from '../wallets/wallet-key.reader';

/** Whether the wallet's executor holds its lease (`lease:executor:<wallet>`). */
export interface LeaseState {
  readonly held: boolean;
  /** the active executor's instance id */
  readonly holder: string | null;
  /** ms until the lease expires unless renewed */
  readonly ttlMs: number | null;
}

/** Reads the executor lease of `wallet` from Redis (a network error when Redis is unreachable). */
export async function readExecutorLease(ctx: CliContext, wallet: string): Promise<LeaseState> {
  const redis = await ctx.redis();
  const key = redisKeys.executorLease(wallet);
  const [holder, ttl] = await Promise.all([redis.get(key), redis.pttl(key)]);
  return { held: holder !== null, holder, ttlMs: holder !== null && ttl >= 0 ? ttl : null };
}

/** Why a write on a leased wallet is refused; the operator reads this line, so it says why. */
export function leaseRefusal(wallet: string, lease: LeaseState): string {
  const left = lease.ttlMs === null ? '' : `, ${formatAge(lease.ttlMs)} left`;
  return (
    `refusing: the executor of wallet ${wallet} holds its lease (instance ${lease.holder}${left}); ` +
    'two signers would race on the account sequence and break each other\'s transactions. ' +
    'Stop that executor (or pause its bot and let the lease expire), or pass --force'
  );
}

/**
 * Everything that must hold before the CLI signs for `wallet`: not on mainnet (read-only for
 * mirrorbook), and no executor holding the wallet's lease unless `force`. Returns the lease as
 * read (null with `force` when Redis could not be asked).
 */
export async function assertMayWrite(ctx: CliContext, sides: NetworkSides, wallet: string, force: boolean): Promise<LeaseState | null> {
  if (sides.readOnly) {
    throw CliError.refused(`refusing to sign on ${sides.name}: mainnet is the read-only reference for mirrorbook`);
  }
  let lease: LeaseState;
  try {
    lease = await readExecutorLease(ctx, wallet);
  } catch (error) {
    if (!force) {
      throw CliError.network(`cannot check whether an executor holds wallet ${wallet}'s lease: ${(error as Error).message} (--force skips the check)`, error);
    }
    ctx.out.note(`--force: not checking the executor lease (${(error as Error).message})`);
    return null;
  }
  if (lease.held && !force) throw CliError.refused(leaseRefusal(wallet, lease));
  if (lease.held) ctx.out.note(`--force: signing although executor ${lease.holder} holds the lease of ${wallet}; expect sequence errors on one side`);
  return lease;
}

/**
 * Runs `write` (the CLI's transactions for `wallet`) while holding the wallet's executor lease
 * under a holder value of its own, then releases it: no executor can take the wallet over and sign
 * meanwhile (`assertMayWrite` before it only refuses early). `stillHeld` throws once the lease was
 * lost (call it before each transaction). With `force`, a lease it cannot take is noted and the
 * writes go ahead without it.
 */
export async function withWriteLease<T>(ctx: CliContext, wallet: string, force: boolean, write: (stillHeld: () => void) => Promise<T>): Promise<T> {
  const redis = await ctx.redis().catch((error: Error) => {
    if (!force) throw CliError.network(`cannot take wallet ${wallet}'s executor lease: ${error.message} (--force skips it)`, error);
    return null;
  });
  const lease =
    redis &&
    new Lease(redis, {
      key: redisKeys.executorLease(wallet),
      fenceKey: redisKeys.executorFence(wallet),
      holderId: uniqueHolderValue('cli'),
      ttlMs: ctx.config().env.EXEC_LEASE_TTL_MS,
    });
  const acquired = lease ? await lease.tryAcquire().catch(() => false) : false;
  if (!lease || !acquired) {
    const state = await readExecutorLease(ctx, wallet).catch(() => null);
    if (!force) {
      throw state?.held ? CliError.refused(leaseRefusal(wallet, state)) : CliError.network(`cannot take wallet ${wallet}'s executor lease (Redis did not answer; --force skips it)`);
    }
    ctx.out.note(`--force: signing without holding the executor lease of ${wallet}${state?.held ? ` (held by ${state.holder})` : ''}`);
    return write(() => undefined);
  }
  let lost: string | undefined;
  lease.once('lost', (reason) => (lost = reason));
  try {
    return await write(() => {
      if (lost !== undefined) throw CliError.refused(`stopping: the executor lease of ${wallet} was lost while signing (${lost})`);
    });
  } finally {
    await lease.release();
  }
}

/** The wallet to sign with, from `WALLET_<ID>_PRIVATE_KEY_FILE`; a configuration error without one. */
export function signingWallet(ctx: CliContext, wallet: string): Wallet {
  const key = lookupWalletKey(wallet, ctx.env, ctx.readFile);
  if (key.kind === 'found') return key.wallet;
  if (key.kind === 'invalid') throw CliError.config(key.problem);
  throw CliError.config(`signing for wallet ${wallet} needs its key: set ${key.variable} to a key file (chmod 600)`);
}

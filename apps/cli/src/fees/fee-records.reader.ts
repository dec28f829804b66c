import { redisKeys } from '@mirrorbook/contracts';
import { feeReport, parseStoredFees, type FeeReport } from '@mirrorbook/market';
import type { CliContext } from '../cli/cli.context';

/** The wallets' fee reports, or why `fees:<wallet>` could not be read at all (Redis unreachable). */
export type FeeReports = { reports: ReadonlyMap<string, FeeReport> } | { unreadable: string };

/**
 * `fees:<wallet>` of each wallet in one MGET, as the report `balances` prints (the same text as
 * the dashboard's). An unreachable Redis is not an error here: the fees are extra to what the
 * caller reads, so it says why they are missing instead.
 */
export async function readFeeReports(ctx: CliContext, wallets: readonly string[], now = Date.now()): Promise<FeeReports> {
  if (wallets.length === 0) return { reports: new Map() };
  let raws: (string | null)[];
  try {
    raws = await (await ctx.redis()).mget(...wallets.map((w) => redisKeys.fees(w)));
  } catch (error) {
    return { unreadable: (error as Error).message };
  }
  return { reports: feeReportsOf(wallets, raws, now) };
}

/** Reports of raw `fees:<wallet>` values read in the order of `wallets` (null = absent). */
export function feeReportsOf(wallets: readonly string[], raws: readonly (string | null)[], now: number): Map<string, FeeReport> {
  return new Map(wallets.map((w, i) => [w, feeReport(parseStoredFees(raws[i] ?? null), now)]));
}

import type { Env } from './env.schema';

/** Slowest allowed pace of tx lookups against a real chain, ms (each lookup is one LCD request). */
export const MIN_INCLUSION_POLL_MS = 500;

/**
 * Requests per second every process of the machine together may send to one chain LCD host:
 * `RATE_LIMIT_SHARE` (0.9) of its per-IP limit `CHAIN_LCD_LIMIT_PER_IP` (20) — 18/s by default.
 */
export function chainLcdBudgetPerSecond(env: Pick<Env, 'CHAIN_LCD_LIMIT_PER_IP' | 'RATE_LIMIT_SHARE'>): number {
  return env.CHAIN_LCD_LIMIT_PER_IP * env.RATE_LIMIT_SHARE;
}

/** EXEC_INCLUSION_POLL_MS below 500 is only for the sim. */
export function inclusionPollProblems(env: Pick<Env, 'EXEC_INCLUSION_POLL_MS' | 'NETWORK'>): string[] {
  if (env.NETWORK === 'sim' || env.EXEC_INCLUSION_POLL_MS >= MIN_INCLUSION_POLL_MS) return [];
  return [`env: EXEC_INCLUSION_POLL_MS: at least ${MIN_INCLUSION_POLL_MS} ms unless NETWORK=sim (got ${env.EXEC_INCLUSION_POLL_MS})`];
}

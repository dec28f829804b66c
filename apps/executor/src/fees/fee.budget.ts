import type Decimal from 'decimal.js';
import type { FeeBudgetState, StrategyParams } from '@mirrorbook/contracts';
import { Dec, toDecimalString } from '@mirrorbook/market';

/** A wallet's daily fee budget in force. */
export interface WalletFeeBudget {
  /** INJ a day */
  readonly dailyInj: Decimal;
  /** percent of `dailyInj` from which the wallet's bots slow down */
  readonly slowAtPct: number;
}

/** Where the wallet stands against its budget, and why when not `normal`. */
export interface FeeBudgetVerdict {
  readonly state: FeeBudgetState;
  readonly reason: string | null;
}

/** One bot's `feeBudget` of the config files alone and with its live edits. */
export interface FeeBudgetLayers {
  readonly configured: StrategyParams['feeBudget'];
  readonly live: StrategyParams['feeBudget'];
}

/**
 * The wallet's budget from its bots' parameters: the tightest bot's, each bot's live edit capped by
 * its config files (a live edit may lower the budget, never raise it: a message must not be able to
 * spend more of the wallet). Undefined for a wallet without bots. Pure.
 */
export function walletFeeBudget(bots: readonly FeeBudgetLayers[]): WalletFeeBudget | undefined {
  let budget: WalletFeeBudget | undefined;
  for (const { configured, live } of bots) {
    const dailyInj = Dec.min(new Dec(configured.dailyInj), new Dec(live.dailyInj));
    const slowAtPct = Math.min(configured.slowAtPct, live.slowAtPct);
    budget = budget ? { dailyInj: Dec.min(budget.dailyInj, dailyInj), slowAtPct: Math.min(budget.slowAtPct, slowAtPct) } : { dailyInj, slowAtPct };
  }
  return budget;
}

/**
 * `paused` once today's fees reach the budget, `slow` from `slowAtPct` of it, else `normal`; the
 * reason names the figures. Pure.
 */
export function feeBudgetVerdict(todayInj: Decimal, budget: WalletFeeBudget, day: string): FeeBudgetVerdict {
  const spent = `fees on ${day} (UTC) ${toDecimalString(todayInj.toDecimalPlaces(6))} of ${toDecimalString(budget.dailyInj)} INJ`;
  if (todayInj.gte(budget.dailyInj)) return { state: 'paused', reason: `daily fee budget reached: ${spent}; no new orders until 00:00 UTC` };
  if (todayInj.gte(budget.dailyInj.mul(budget.slowAtPct).div(100))) {
    return { state: 'slow', reason: `${budget.slowAtPct} % of the daily fee budget spent: ${spent}; quoting at the slow cadence` };
  }
  return { state: 'normal', reason: null };
}

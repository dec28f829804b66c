import type Decimal from 'decimal.js';
import type { PaidCoin } from '@mirrorbook/injective';
import { Dec, toDecimalString } from '@mirrorbook/market';
import { executorMetrics } from '../shared/executor.metrics';

/** What the wallet paid in fees, human units of the fee denom (INJ). */
export interface FeeSnapshot {
  /** the UTC day `today` counts, `YYYY-MM-DD` */
  readonly day: string;
  readonly today: string;
  /** since this process started */
  readonly total: string;
  readonly txs: number;
}

/**
 * Meters the fees a wallet's included txs paid — applied or failed in their block, both pay gas
 * limit × gas price — from what the chain says it took (the `tx` event's fee), per UTC day and in
 * total, and counts them in `mirrorbook_executor_fees_inj_total{wallet}`. The caller passes the clock.
 */
export class FeeMeter {
  private day = '';
  private today: Decimal = new Dec(0);
  private total: Decimal = new Dec(0);
  private txs = 0;

  constructor(
    private readonly wallet: string,
    private readonly feeDenom: string,
    private readonly decimals: number,
  ) {}

  /** Adds one included tx's fee; returns it, human units. */
  record(paid: readonly PaidCoin[], now: number): Decimal {
    const fee = feeInDenom(paid, this.feeDenom, this.decimals);
    this.rollTo(utcDay(now));
    this.today = this.today.add(fee);
    this.total = this.total.add(fee);
    this.txs += 1;
    executorMetrics.feesPaid().inc({ wallet: this.wallet }, fee.toNumber());
    return fee;
  }

  snapshot(now: number): FeeSnapshot {
    this.rollTo(utcDay(now));
    return { day: this.day, today: toDecimalString(this.today), total: toDecimalString(this.total), txs: this.txs };
  }

  private rollTo(day: string): void {
    if (day === this.day) return;
    this.day = day;
    this.today = new Dec(0);
  }
}

/** The amount of `denom` among the coins paid, human units (`decimals` of the denom). Pure. */
export function feeInDenom(paid: readonly PaidCoin[], denom: string, decimals: number): Decimal {
  const base = paid.filter((c) => c.denom === denom).reduce((sum, c) => sum + c.amount, 0n);
  return new Dec(base.toString()).div(new Dec(10).pow(decimals));
}

/** The UTC calendar day of `ms`, `YYYY-MM-DD`: the fee budget resets at 00:00 UTC. Pure. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

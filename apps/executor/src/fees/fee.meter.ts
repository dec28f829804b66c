import type Decimal from 'decimal.js';
import type { PaidCoin } from '@mirrorbook/injective/signing';
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
  /** txs that paid a fee on `day` */
  readonly txsToday: number;
  /** the pace over the last hour (or since start, when shorter) as INJ a day; null before a minute has passed */
  readonly perDay: string | null;
}

/** The pace is measured over this much of the recent past. */
const PACE_WINDOW_MS = 3_600_000;
/** Less than this since the start says nothing about a daily pace. */
const PACE_MIN_SPAN_MS = 60_000;
const DAY_MS = 86_400_000;

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
  private txsToday = 0;
  private recent: { at: number; fee: Decimal }[] = [];

  constructor(
    private readonly wallet: string,
    private readonly feeDenom: string,
    private readonly decimals: number,
    private readonly startedAt: number,
  ) {}

  /** Adds one included tx's fee; returns it, human units. */
  record(paid: readonly PaidCoin[], now: number): Decimal {
    const fee = feeInDenom(paid, this.feeDenom, this.decimals);
    this.rollTo(utcDay(now));
    this.today = this.today.add(fee);
    this.total = this.total.add(fee);
    this.txs += 1;
    this.txsToday += 1;
    this.recent.push({ at: now, fee });
    executorMetrics.feesPaid().inc({ wallet: this.wallet }, fee.toNumber());
    return fee;
  }

  snapshot(now: number): FeeSnapshot {
    this.rollTo(utcDay(now));
    const perDay = this.perDay(now);
    return {
      day: this.day,
      today: toDecimalString(this.today),
      total: toDecimalString(this.total),
      txs: this.txs,
      txsToday: this.txsToday,
      perDay: perDay && toDecimalString(perDay.toDecimalPlaces(9)),
    };
  }

  /**
   * Takes up what an earlier process of the wallet stored for `day` (a restart or a failover must
   * not reset the day's spend, or the budget could be spent again); a record of another day is
   * ignored. Only ever raises today's figures.
   */
  restore(day: string, todayInj: Decimal, txsToday: number, now: number): void {
    this.rollTo(utcDay(now));
    if (day !== this.day || todayInj.lte(this.today)) return;
    this.today = todayInj;
    this.txsToday = Math.max(this.txsToday, txsToday);
  }

  /** INJ a day at the pace of the last hour (since start when shorter); null before a minute. */
  perDay(now: number): Decimal | null {
    const span = Math.min(PACE_WINDOW_MS, now - this.startedAt);
    if (span < PACE_MIN_SPAN_MS) return null;
    this.recent = this.recent.filter((r) => r.at > now - PACE_WINDOW_MS);
    const spent = this.recent.reduce((sum, r) => sum.add(r.fee), new Dec(0));
    return spent.mul(DAY_MS).div(span);
  }

  private rollTo(day: string): void {
    if (day === this.day) return;
    this.day = day;
    this.today = new Dec(0);
    this.txsToday = 0;
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

/**
 * Days until the INJ the wallet may spend on gas is gone at `perDay`: (available − reserve) / pace;
 * null when nothing is spent (no end in sight) or the pace is not known yet. Pure.
 */
export function runwayDays(available: Decimal, reserve: Decimal, perDay: Decimal | null): Decimal | null {
  if (perDay === null || perDay.isZero()) return null;
  return Dec.max(available.sub(reserve), 0).div(perDay);
}

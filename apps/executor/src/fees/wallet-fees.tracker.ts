import { Logger } from '@nestjs/common';
import type Decimal from 'decimal.js';
import type { StoredFees } from '@mirrorbook/contracts';
import { Dec, toDecimalString } from '@mirrorbook/market';
import { feeBudgetVerdict, type FeeBudgetVerdict, type WalletFeeBudget } from './fee.budget';
import { runwayDays, type FeeMeter } from './fee.meter';

/** Where the tracker reads and writes. */
export interface WalletFeesTrackerParts {
  readonly meter: Pick<FeeMeter, 'snapshot' | 'perDay' | 'restore'>;
  readonly store: { fees(): Promise<StoredFees | undefined>; writeFees(fees: StoredFees): Promise<void> };
  /** the wallet's budget in force (its bots' parameters); undefined for a wallet without bots */
  readonly budget: () => WalletFeeBudget | undefined;
  /** the fee denom the wallet holds (bank and default subaccount), human units; undefined before a read */
  readonly available: () => Decimal | undefined;
  /** INJ kept back for gas */
  readonly reserve: Decimal;
  /** the bank denom fees are paid in */
  readonly feeDenom: string;
}

/** A wallet without bots sends no intents: its budget is shown as 0 and never binds. */
const NO_BUDGET: WalletFeeBudget = Object.freeze({ dailyInj: new Dec(0), slowAtPct: 100 });
const UNBOUND: FeeBudgetVerdict = Object.freeze({ state: 'normal', reason: null });

/** How often the record is written when nothing was spent (the runway moves with the balances). */
const REWRITE_MS = 5_000;

/**
 * The wallet's fees against its daily budget (docs/architecture.md#fee-budget): the meter's figures,
 * the budget state the checks, the heartbeat and the report carry, and `fees:<wallet>` in Redis —
 * which the strategy (slow, paused), the gateway and the cli read, and from which a new tenure takes
 * up the day's spend (a restart must not reset the budget).
 */
export class WalletFeesTracker {
  private readonly logger = new Logger(WalletFeesTracker.name);
  private written: { txs: number; state: string; at: number } | undefined;

  constructor(private readonly parts: WalletFeesTrackerParts) {}

  /** Takes up the day's spend an earlier process stored (at takeover). */
  async restore(now: number): Promise<void> {
    const stored = await this.parts.store.fees();
    if (stored) this.parts.meter.restore(stored.day, new Dec(stored.todayInj), stored.txsToday, now);
  }

  /** The wallet's budget state now. */
  verdict(now: number): FeeBudgetVerdict {
    const fees = this.parts.meter.snapshot(now);
    const budget = this.parts.budget();
    return budget ? feeBudgetVerdict(new Dec(fees.today), budget, fees.day) : UNBOUND;
  }

  /** The `fees:<wallet>` record as of `now`. */
  record(now: number): StoredFees {
    const fees = this.parts.meter.snapshot(now);
    const budget = this.parts.budget() ?? NO_BUDGET;
    const verdict = this.verdict(now);
    const available = this.parts.available();
    const runway = available === undefined ? null : runwayDays(available, this.parts.reserve, this.parts.meter.perDay(now));
    return {
      v: 1,
      ts: now,
      day: fees.day,
      todayInj: fees.today,
      txsToday: fees.txsToday,
      perDayInj: fees.perDay,
      availableInj: available === undefined ? null : toDecimalString(available),
      reserveInj: toDecimalString(this.parts.reserve),
      feeDenom: this.parts.feeDenom,
      runwayDays: runway === null ? null : toDecimalString(runway.toDecimalPlaces(2)),
      budget: { dailyInj: toDecimalString(budget.dailyInj), slowAtPct: budget.slowAtPct, state: verdict.state, reason: verdict.reason },
    };
  }

  /**
   * Writes the record when a tx paid since the last write, the state changed, or `REWRITE_MS`
   * passed; best effort: a failed write is logged and tried again next time.
   */
  async publish(now: number): Promise<void> {
    const record = this.record(now);
    const last = this.written;
    if (last && last.txs === record.txsToday && last.state === record.budget.state && now - last.at < REWRITE_MS) return;
    try {
      await this.parts.store.writeFees(record);
      if (last?.state !== record.budget.state && record.budget.reason) this.logger.warn(`fee budget ${record.budget.state}: ${record.budget.reason}`);
      this.written = { txs: record.txsToday, state: record.budget.state, at: now };
    } catch (error) {
      this.logger.warn(`fees:<wallet> not written: ${(error as Error).message}`);
    }
  }
}

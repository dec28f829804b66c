import { z } from 'zod';
import { storedFeesSchema, type StoredFees } from '@mirrorbook/contracts';
import { Dec } from './decimal.config';

/** What reading `fees:<wallet>` gave: the record, nothing yet, or a value that failed its schema. */
export type FeeReading = { status: 'ok'; record: StoredFees } | { status: 'missing' } | { status: 'invalid'; reason: string };

/** Shown where a wallet has no `fees:<wallet>` yet (no executor wrote one). */
export const NO_FEE_DATA = 'no fee data yet';

/** Shown where `fees:<wallet>` failed its schema: nothing of it is trusted. */
export const FEE_DATA_UNAVAILABLE = 'fee data unavailable';

/** Between the lines of a fee report when they are shown on one line. */
const SEPARATOR = ' · ';

/** A wallet's fee meter and budget as the gateway serves it and the CLI prints it. */
export const feeReportSchema = z
  .object({
    /** `ok`: the record below; `missing`: no `fees:<wallet>` yet; `invalid`: the stored value failed its schema */
    status: z.enum(['ok', 'missing', 'invalid']),
    /** `fees:<wallet>` as the executor stored it; null unless `ok` */
    record: storedFeesSchema.nullable(),
    /** why the stored value was refused; null unless `invalid` */
    invalid: z.string().nullable(),
    /** for a human: spent today, pace, runway, budget state and reason; one line saying why when there is no record */
    lines: z.array(z.string()),
    /** `lines` on one line, joined by ` · ` */
    summary: z.string(),
  })
  .strict();

export type FeeReport = z.infer<typeof feeReportSchema>;

/**
 * Parses a raw `fees:<wallet>` value (null when the key is absent) through its schema; never
 * throws: a value that is not JSON or fails the schema is `invalid` with the first reason.
 */
export function parseStoredFees(raw: string | null): FeeReading {
  if (raw === null) return { status: 'missing' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { status: 'invalid', reason: 'not JSON' };
  }
  const parsed = storedFeesSchema.safeParse(json);
  if (parsed.success) return { status: 'ok', record: parsed.data };
  return { status: 'invalid', reason: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
}

/**
 * The report of one reading at `now` (ms since epoch): e.g. `spent 1.2345 INJ today (38 txs)`,
 * `4.1 INJ/day at this pace`, `runway 12.3 days`, `budget 5 INJ/day: slow (fees today 4.01 of 5
 * INJ, 80 %)`. Amounts are rounded for display only (INJ to 4 places, days to 1), from the
 * record's decimal strings.
 */
export function feeReport(reading: FeeReading, now: number): FeeReport {
  switch (reading.status) {
    case 'missing':
      return { status: 'missing', record: null, invalid: null, lines: [NO_FEE_DATA], summary: NO_FEE_DATA };
    case 'invalid': {
      const line = `${FEE_DATA_UNAVAILABLE} (invalid record: ${reading.reason})`;
      return { status: 'invalid', record: null, invalid: reading.reason, lines: [line], summary: line };
    }
    case 'ok': {
      const lines = feeLines(reading.record, now);
      return { status: 'ok', record: reading.record, invalid: null, lines, summary: lines.join(SEPARATOR) };
    }
  }
}

function feeLines(fees: StoredFees, now: number): string[] {
  const txs = `${fees.txsToday} tx${fees.txsToday === 1 ? '' : 's'}`;
  // a record of an earlier day (nothing wrote it since midnight UTC) says which day it counts
  const when = fees.day === utcDay(now) ? 'today' : `on ${fees.day}`;
  const budget = fees.budget;
  return [
    `spent ${inj(fees.todayInj)} INJ ${when} (${txs})`,
    fees.perDayInj === null ? 'pace unknown (under a minute of data)' : `${inj(fees.perDayInj)} INJ/day at this pace`,
    runway(fees),
    `budget ${inj(budget.dailyInj)} INJ/day: ${budget.state}${budget.reason ? ` (${budget.reason})` : ''}`,
  ];
}

function runway(fees: StoredFees): string {
  if (fees.runwayDays !== null) return `runway ${new Dec(fees.runwayDays).toDecimalPlaces(1).toFixed()} days`;
  if (fees.availableInj === null) return 'runway unknown (no balance read yet)';
  return 'runway unlimited (nothing spent at this pace)';
}

/** INJ for display: at most 4 decimals, half up, trailing zeros dropped. */
function inj(value: string): string {
  return new Dec(value).toDecimalPlaces(4).toFixed();
}

/** YYYY-MM-DD of `ms` in UTC: the day the budget counts. */
function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

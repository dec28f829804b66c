import type { StoredFees } from '@mirrorbook/contracts';
import { feeReport, parseStoredFees } from './fee.report';

/** 2026-12-07 10:00 UTC */
const NOW = Date.UTC(2026, 11, 7, 10);

const record = (over: Partial<StoredFees> = {}, budget: Partial<StoredFees['budget']> = {}): StoredFees => ({
  v: 1,
  ts: NOW - 1000,
  day: '2026-12-07',
  todayInj: '1.23454',
  txsToday: 38,
  perDayInj: '4.1',
  availableInj: '51.5',
  reserveInj: '1',
  feeDenom: 'inj',
  runwayDays: '12.31707317',
  budget: { dailyInj: '5', slowAtPct: 80, state: 'normal', reason: null, ...budget },
  ...over,
});

describe('feeReport', () => {
  describe('when the wallet is under its budget', () => {
    it('says what it spent today, its pace, its runway and its budget, rounded for display only', () => {
      expect(feeReport({ status: 'ok', record: record() }, NOW)).toMatchObject({
        status: 'ok',
        invalid: null,
        lines: ['spent 1.2345 INJ today (38 txs)', '4.1 INJ/day at this pace', 'runway 12.3 days', 'budget 5 INJ/day: normal'],
        summary: 'spent 1.2345 INJ today (38 txs) · 4.1 INJ/day at this pace · runway 12.3 days · budget 5 INJ/day: normal',
      });
    });

    it('rounds half up from the decimal string, never through a float', () => {
      const { lines } = feeReport({ status: 'ok', record: record({ todayInj: '0.30000000000000000005', txsToday: 1, runwayDays: '0.05' }) }, NOW);
      expect(lines.slice(0, 3)).toEqual(['spent 0.3 INJ today (1 tx)', '4.1 INJ/day at this pace', 'runway 0.1 days']);
    });
  });

  describe('when the budget is slow or paused', () => {
    it('names the state with its reason', () => {
      const slow = feeReport({ status: 'ok', record: record({}, { state: 'slow', reason: 'fees today 4.01 of 5 INJ, 80 %' }) }, NOW);
      expect(slow.lines[3]).toBe('budget 5 INJ/day: slow (fees today 4.01 of 5 INJ, 80 %)');
      const paused = feeReport({ status: 'ok', record: record({}, { state: 'paused', reason: 'fees today 5.02 of 5 INJ, 100 %' }) }, NOW);
      expect(paused.lines[3]).toBe('budget 5 INJ/day: paused (fees today 5.02 of 5 INJ, 100 %)');
    });
  });

  describe('when the meter has too little data', () => {
    it('says the pace and the runway are unknown, and why', () => {
      const { lines } = feeReport({ status: 'ok', record: record({ perDayInj: null, runwayDays: null, availableInj: null }) }, NOW);
      expect(lines.slice(1, 3)).toEqual(['pace unknown (under a minute of data)', 'runway unknown (no balance read yet)']);
      expect(feeReport({ status: 'ok', record: record({ runwayDays: null }) }, NOW).lines[2]).toBe('runway unlimited (nothing spent at this pace)');
    });
  });

  describe('when the record counts an earlier UTC day', () => {
    it('names that day instead of today', () => {
      expect(feeReport({ status: 'ok', record: record({ day: '2026-12-06' }) }, NOW).lines[0]).toBe('spent 1.2345 INJ on 2026-12-06 (38 txs)');
    });
  });

  it('says there is no fee data yet when nothing was written', () => {
    expect(feeReport({ status: 'missing' }, NOW)).toEqual({ status: 'missing', record: null, invalid: null, lines: ['no fee data yet'], summary: 'no fee data yet' });
  });

  it('shows an invalid record as unavailable, with why', () => {
    expect(feeReport({ status: 'invalid', reason: 'todayInj: bad' }, NOW)).toMatchObject({ status: 'invalid', record: null, invalid: 'todayInj: bad', summary: 'fee data unavailable (invalid record: todayInj: bad)' });
  });
});

describe('parseStoredFees', () => {
  it('reads a valid record', () => {
    expect(parseStoredFees(JSON.stringify(record()))).toEqual({ status: 'ok', record: record() });
  });

  it('is missing when the key is absent', () => {
    expect(parseStoredFees(null)).toEqual({ status: 'missing' });
  });

  it('refuses what is not JSON or fails the schema, naming the field', () => {
    expect(parseStoredFees('{oops')).toEqual({ status: 'invalid', reason: 'not JSON' });
    const reading = parseStoredFees(JSON.stringify({ ...record(), todayInj: 1.5 }));
    expect(reading.status).toBe('invalid');
    expect(reading.status === 'invalid' && reading.reason).toMatch(/^todayInj: /);
  });
});

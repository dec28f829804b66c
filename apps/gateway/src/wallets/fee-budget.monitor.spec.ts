import type { StoredFees } from '@mirrorbook/contracts';
import { feeReport, type FeeReport } from '@mirrorbook/market';
import { pausedBudgets } from './fee-budget.monitor';

const NOW = Date.UTC(2026, 11, 7, 10);
const report = (state: StoredFees['budget']['state'], reason: string | null): FeeReport =>
  feeReport(
    {
      status: 'ok',
      record: {
        v: 1, ts: NOW, day: '2026-12-07', todayInj: '5.02', txsToday: 40, perDayInj: '6', availableInj: '10', reserveInj: '1', feeDenom: 'inj', runwayDays: '1.5',
        budget: { dailyInj: '5', slowAtPct: 80, state, reason },
      },
    },
    NOW,
  );

describe('pausedBudgets', () => {
  it('lists only the paused wallets, each with the reason its record gives', () => {
    const reports = new Map([
      ['w1', report('paused', 'fees today 5.02 of 5 INJ, 100 %')],
      ['w2', report('slow', 'fees today 4.01 of 5 INJ, 80 %')],
      ['w3', report('normal', null)],
      ['w4', feeReport({ status: 'missing' }, NOW)],
      ['w5', feeReport({ status: 'invalid', reason: 'not JSON' }, NOW)],
    ]);
    expect(pausedBudgets(reports)).toEqual({ w1: 'fees today 5.02 of 5 INJ, 100 %' });
  });

  it('still names a paused wallet whose record gives no reason', () => {
    expect(pausedBudgets(new Map([['w1', report('paused', null)]]))).toEqual({ w1: 'fee budget paused' });
  });
});

import { resolveStrategyParams } from '@mirrorbook/contracts';
import { Dec } from '@mirrorbook/market';
import { feeBudgetVerdict, walletFeeBudget } from './fee.budget';

const budgetOf = (override: Record<string, unknown>) => resolveStrategyParams({ feeBudget: override }).feeBudget;

describe('walletFeeBudget', () => {
  it('takes the tightest bot, and a live edit may lower a budget but never raise it above the config files', () => {
    const budget = walletFeeBudget([
      { configured: budgetOf({ dailyInj: '5' }), live: budgetOf({ dailyInj: '50', slowAtPct: 95 }) },
      { configured: budgetOf({ dailyInj: '8', slowAtPct: 90 }), live: budgetOf({ dailyInj: '4.5', slowAtPct: 60 }) },
    ]);
    expect(budget?.dailyInj.toFixed()).toBe('4.5');
    expect(budget?.slowAtPct).toBe(60);
    expect(walletFeeBudget([{ configured: budgetOf({ dailyInj: '5' }), live: budgetOf({ dailyInj: '500', slowAtPct: 100 }) }])).toEqual({ dailyInj: new Dec(5), slowAtPct: 80 });
  });

  it('is undefined for a wallet without bots', () => {
    expect(walletFeeBudget([])).toBeUndefined();
  });
});

describe('feeBudgetVerdict', () => {
  const budget = { dailyInj: new Dec(5), slowAtPct: 80 };

  it('is normal below slowAtPct, slow from it, paused from 100 %, each edge included', () => {
    expect(feeBudgetVerdict(new Dec('3.999999'), budget, '2026-12-07')).toEqual({ state: 'normal', reason: null });
    expect(feeBudgetVerdict(new Dec('4'), budget, '2026-12-07').state).toBe('slow');
    expect(feeBudgetVerdict(new Dec('4.999999999999999999'), budget, '2026-12-07').state).toBe('slow');
    expect(feeBudgetVerdict(new Dec('5'), budget, '2026-12-07').state).toBe('paused');
  });

  it('names the figures and the day in its reason', () => {
    expect(feeBudgetVerdict(new Dec('4.2'), budget, '2026-12-07').reason).toBe('80 % of the daily fee budget spent: fees on 2026-12-07 (UTC) 4.2 of 5 INJ; quoting at the slow cadence');
    expect(feeBudgetVerdict(new Dec('5.0001234567'), budget, '2026-12-07').reason).toBe(
      'daily fee budget reached: fees on 2026-12-07 (UTC) 5.000123 of 5 INJ; no new orders until 00:00 UTC',
    );
  });
});

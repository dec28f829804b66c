import { chainLcdBudgetPerSecond, inclusionPollProblems } from './rate-budget';

describe('rate budget', () => {
  it('grants 90 % of the per-IP limit by default: 18/s of a public chain LCD host', () => {
    expect(chainLcdBudgetPerSecond({ CHAIN_LCD_LIMIT_PER_IP: 20, RATE_LIMIT_SHARE: 0.9 })).toBeCloseTo(18, 10);
    expect(chainLcdBudgetPerSecond({ CHAIN_LCD_LIMIT_PER_IP: 50, RATE_LIMIT_SHARE: 0.9 })).toBeCloseTo(45, 10);
  });

  it('refuses an inclusion poll faster than 500 ms except against the sim', () => {
    expect(inclusionPollProblems({ EXEC_INCLUSION_POLL_MS: 500, NETWORK: 'testnet' })).toEqual([]);
    expect(inclusionPollProblems({ EXEC_INCLUSION_POLL_MS: 50, NETWORK: 'sim' })).toEqual([]);
    expect(inclusionPollProblems({ EXEC_INCLUSION_POLL_MS: 200, NETWORK: 'testnet' })).toEqual([
      'env: EXEC_INCLUSION_POLL_MS: at least 500 ms unless NETWORK=sim (got 200)',
    ]);
  });
});

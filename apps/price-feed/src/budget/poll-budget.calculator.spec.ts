import fc from 'fast-check';
import { heightRefreshMs, planPolling } from './poll-budget.calculator';

describe('planPolling', () => {
  describe('with the five default pairs on the sim (one host, 2 requests a pair)', () => {
    const plan = planPolling({ pollIntervalMs: 700, budgetPerSecond: 20, hosts: [{ host: 'sim', requestsPerCycle: 10 }], marketCount: 5 });

    it('polls every market once per block, unthrottled', () => {
      expect(plan).toMatchObject({ intervalMs: 700, throttled: false, slotMs: 140, heightRefreshMs: 700 });
    });

    it('stays inside the budget', () => {
      expect(plan.expectedRatePerHost.sim).toBeLessThan(20);
    });
  });

  describe('with 200 pairs on one host at 20 requests/s', () => {
    const plan = planPolling({ pollIntervalMs: 700, budgetPerSecond: 20, hosts: [{ host: 'sim', requestsPerCycle: 400 }], marketCount: 200 });

    it('stretches the interval evenly for every market and says it is throttled', () => {
      expect(plan.throttled).toBe(true);
      expect(plan.intervalMs).toBeGreaterThan(20_000);
      expect(plan.slotMs).toBeCloseTo(plan.intervalMs / 200);
    });

    it('leaves a tenth of the budget for retries', () => {
      expect(plan.expectedRatePerHost.sim).toBeLessThanOrEqual(17.001);
    });
  });

  it('plans for the busiest host when the sides read different hosts', () => {
    const plan = planPolling({
      pollIntervalMs: 700,
      budgetPerSecond: 20,
      hosts: [
        { host: 'mainnet', requestsPerCycle: 60 },
        { host: 'testnet', requestsPerCycle: 30 },
      ],
      marketCount: 30,
    });
    expect(plan.expectedRatePerHost.mainnet).toBeLessThanOrEqual(17.001);
    expect(plan.expectedRatePerHost.testnet).toBeLessThan(plan.expectedRatePerHost.mainnet);
  });

  it('never plans more than 90 % of the budget on any host, whatever the markets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 10_000 }),
        fc.double({ min: 0.5, max: 200, noNaN: true }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 3 }),
        (pollIntervalMs, budgetPerSecond, loads) => {
          const hosts = loads.map((requestsPerCycle, i) => ({ host: `h${i}`, requestsPerCycle }));
          const plan = planPolling({ pollIntervalMs, budgetPerSecond, hosts, marketCount: 10 });
          return plan.intervalMs >= pollIntervalMs && Object.values(plan.expectedRatePerHost).every((r) => r <= budgetPerSecond * 0.85 + 1e-9);
        },
      ),
    );
  });
});

describe('heightRefreshMs', () => {
  it('refreshes once per wanted interval when the budget allows', () => {
    expect(heightRefreshMs(700, 20)).toBe(700);
  });

  it('slows down so heights take at most a tenth of a small budget', () => {
    expect(heightRefreshMs(700, 2)).toBe(Math.ceil(1000 / 0.17));
  });
});

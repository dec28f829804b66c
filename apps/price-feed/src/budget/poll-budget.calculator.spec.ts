import fc from 'fast-check';
import { heightRefreshMs, isRefBookDue, planPolling, refBookEvery } from './poll-budget.calculator';

describe('planPolling', () => {
  describe('with the five default pairs on the sim (one host, 2 requests a pair, a reference book each)', () => {
    const sim = (refBookIntervalMs: number) =>
      planPolling({
        pollIntervalMs: 700,
        refBookIntervalMs,
        budgetPerSecond: 20,
        hosts: [{ host: 'sim', requestsPerCycle: 10, refBookRequests: 5 }],
        marketCount: 5,
      });
    const plan = sim(5000);

    it('polls every market once per block, unthrottled', () => {
      expect(plan).toMatchObject({ intervalMs: 700, throttled: false, slotMs: 140, heightRefreshMs: 700 });
    });

    it('reads each reference book every 8th poll (5000 ms rounded up to 5.6 s)', () => {
      expect(plan).toMatchObject({ refBookEvery: 8, refBookIntervalMs: 5600 });
    });

    // usable 20 × 0.85 = 17/s, heights 1000 / 700 = 1.43/s: 15.57/s = 10.9 requests per 700-ms cycle;
    // polls 10 + reference books 5 / 8 = 10.625 per cycle = 15.18/s, + heights = 16.61/s
    it('stays inside the usable budget, heights included', () => {
      expect(plan.expectedRatePerHost.sim).toBeCloseTo(10.625 / 0.7 + 1000 / 700, 9);
      expect(plan.expectedRatePerHost.sim).toBeLessThanOrEqual(17);
    });

    it('still fits with a reference book every 6th poll (4.2 s), and is throttled at every 5th (3.5 s)', () => {
      expect(sim(4200)).toMatchObject({ refBookEvery: 6, intervalMs: 700, throttled: false });
      // 10 + 5 / 5 = 11 requests per cycle > 10.9: the polls stretch to 1000 × 11 / 15.57 ms
      expect(sim(3500)).toMatchObject({ refBookEvery: 5, intervalMs: 707, throttled: true, refBookIntervalMs: 3535 });
    });
  });

  describe('with 200 pairs on one host at 20 requests/s', () => {
    const plan = planPolling({
      pollIntervalMs: 700,
      refBookIntervalMs: 5000,
      budgetPerSecond: 20,
      hosts: [{ host: 'sim', requestsPerCycle: 400, refBookRequests: 200 }],
      marketCount: 200,
    });

    it('stretches the interval evenly for every market and says it is throttled', () => {
      expect(plan.throttled).toBe(true);
      expect(plan.intervalMs).toBeGreaterThan(20_000);
      expect(plan.slotMs).toBeCloseTo(plan.intervalMs / 200);
    });

    it('stretches the reference books with the polls: still every 8th poll', () => {
      expect(plan.refBookIntervalMs).toBe(8 * plan.intervalMs);
    });

    it('leaves a tenth of the budget for retries', () => {
      expect(plan.expectedRatePerHost.sim).toBeLessThanOrEqual(17.001);
    });
  });

  it('plans for the busiest host when the sides read different hosts', () => {
    const plan = planPolling({
      pollIntervalMs: 700,
      refBookIntervalMs: 5000,
      budgetPerSecond: 20,
      hosts: [
        { host: 'mainnet', requestsPerCycle: 60, refBookRequests: 30 },
        { host: 'testnet', requestsPerCycle: 30, refBookRequests: 0 },
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
        fc.integer({ min: 100, max: 600_000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 2000 })), { minLength: 1, maxLength: 3 }),
        (pollIntervalMs, budgetPerSecond, refBookIntervalMs, loads) => {
          const hosts = loads.map(([requestsPerCycle, refBookRequests], i) => ({ host: `h${i}`, requestsPerCycle, refBookRequests }));
          const plan = planPolling({ pollIntervalMs, refBookIntervalMs, budgetPerSecond, hosts, marketCount: 10 });
          return (
            plan.intervalMs >= pollIntervalMs &&
            plan.refBookIntervalMs >= refBookIntervalMs &&
            Object.values(plan.expectedRatePerHost).every((r) => r <= budgetPerSecond * 0.85 + 1e-9)
          );
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

describe('refBookEvery', () => {
  it('rounds the wanted interval up to whole polls', () => {
    expect(refBookEvery(5000, 700)).toBe(8);
    expect(refBookEvery(4200, 700)).toBe(6);
  });

  it('reads the reference book on every poll when it is wanted at least that often', () => {
    expect(refBookEvery(100, 700)).toBe(1);
  });
});

describe('isRefBookDue', () => {
  const dueSlots = (markets: number, every: number, cycles: number) =>
    Array.from({ length: markets * cycles }, (_, slot) => slot).filter((slot) => isRefBookDue(slot, markets, every));

  it('reads each market once every `every` cycles', () => {
    const due = dueSlots(5, 8, 16);
    for (let market = 0; market < 5; market++) {
      const cycles = due.filter((slot) => slot % 5 === market).map((slot) => Math.floor(slot / 5));
      expect(cycles).toHaveLength(2);
      expect(cycles[1] - cycles[0]).toBe(8);
    }
  });

  it('spreads the markets over the cycles instead of reading them all in one', () => {
    const perCycle = new Map<number, number>();
    for (const slot of dueSlots(20, 4, 8)) perCycle.set(Math.floor(slot / 20), (perCycle.get(Math.floor(slot / 20)) ?? 0) + 1);
    expect([...perCycle.values()]).toEqual(Array(8).fill(5));
  });

  it('reads every market on every poll when `every` is 1', () => {
    expect(dueSlots(3, 1, 2)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

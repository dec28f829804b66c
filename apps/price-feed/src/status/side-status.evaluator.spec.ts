import { effectiveStaleAfterMs, evaluateSide, type SideHealth } from './side-status.evaluator';

const limits = { staleAfterMs: 3000, downAfterMs: 30_000 };
const START = 1_000_000;
const health = (h: Partial<SideHealth>): SideHealth => ({ lastGoodAt: null, lastOutcome: null, problem: null, ...h });

describe('evaluateSide', () => {
  it('is fresh while the last good update is younger than the threshold', () => {
    expect(evaluateSide(health({ lastGoodAt: START, lastOutcome: 'ok' }), START + 3000, START, limits)).toEqual({ state: 'fresh', ageMs: 3000 });
  });

  it('turns stale once the last good update is older than the threshold', () => {
    expect(evaluateSide(health({ lastGoodAt: START, lastOutcome: 'ok' }), START + 3001, START, limits)).toMatchObject({ state: 'stale', ageMs: 3001 });
  });

  it('is stale with no age before the first update', () => {
    expect(evaluateSide(health({}), START + 10, START, limits)).toEqual({ state: 'stale', ageMs: null, reason: 'no update yet' });
  });

  describe('when the source fails', () => {
    it('stays fresh after one failed read inside the threshold (no flapping)', () => {
      const h = health({ lastGoodAt: START, lastOutcome: 'error', problem: 'timeout' });
      expect(evaluateSide(h, START + 1000, START, limits).state).toBe('fresh');
    });

    it('is stale past the stale threshold and says why', () => {
      const h = health({ lastGoodAt: START, lastOutcome: 'error', problem: 'connection refused' });
      expect(evaluateSide(h, START + 5000, START, limits)).toEqual({
        state: 'stale',
        ageMs: 5000,
        reason: 'no good update within 3000 ms: connection refused',
      });
    });

    it('is down once it has failed for longer than the down threshold', () => {
      const h = health({ lastGoodAt: START, lastOutcome: 'error', problem: 'connection refused' });
      expect(evaluateSide(h, START + 30_001, START, limits)).toMatchObject({ state: 'down', ageMs: 30_001 });
    });

    it('is down when it never answered since the start', () => {
      const h = health({ lastOutcome: 'error', problem: 'connection refused' });
      expect(evaluateSide(h, START + 30_001, START, limits)).toMatchObject({ state: 'down', ageMs: null });
    });
  });

  describe('when the latest reply was rejected', () => {
    it('is degraded at once, with the reason, however young the last good update', () => {
      const h = health({ lastGoodAt: START, lastOutcome: 'rejected', problem: 'crossed-book' });
      expect(evaluateSide(h, START + 100, START, limits)).toEqual({ state: 'degraded', ageMs: 100, reason: 'rejected: crossed-book' });
    });
  });
});

describe('effectiveStaleAfterMs', () => {
  it('keeps the configured threshold when polls are frequent', () => {
    expect(effectiveStaleAfterMs(3000, 700)).toBe(3000);
  });

  it('never goes below three poll intervals when the budget stretched them', () => {
    expect(effectiveStaleAfterMs(3000, 24_000)).toBe(72_000);
  });
});

import { feedStatusSchema } from '@mirrorbook/contracts';
import { buildFeedStatus, statusFingerprint, worseState } from './feed-status.builder';

const input = {
  market: 'inj-usdt',
  reference: { state: 'fresh' as const, ageMs: 120 },
  book: { state: 'stale' as const, ageMs: 4000, reason: 'no good update within 3000 ms' },
  refBook: { state: 'fresh' as const, ageMs: 900 },
  throttled: false,
  pollIntervalMs: 700,
  ts: 1_700_000_000_000,
};

describe('buildFeedStatus', () => {
  it('takes the worse side as the pair state and validates against the md.status schema', () => {
    const status = buildFeedStatus(input);
    expect(status.state).toBe('stale');
    expect(feedStatusSchema.safeParse({ ...status, seq: 1 }).success).toBe(true);
  });

  it('reports the reference book beside the sides without letting it decide the pair state', () => {
    const status = buildFeedStatus({ ...input, book: { state: 'fresh', ageMs: 1 }, refBook: { state: 'stale', ageMs: 20_000, reason: 'no good update' } });
    expect(status).toMatchObject({ state: 'fresh', refBook: { state: 'stale', ageMs: 20_000 } });
    expect(feedStatusSchema.safeParse({ ...status, seq: 1 }).success).toBe(true);
  });

  it('ranks fresh < degraded < stale < down', () => {
    expect(worseState('fresh', 'degraded')).toBe('degraded');
    expect(worseState('stale', 'degraded')).toBe('stale');
    expect(worseState('stale', 'down')).toBe('down');
  });
});

describe('statusFingerprint', () => {
  it('ignores ages and reason wording, so a steady status is not republished every tick', () => {
    const a = buildFeedStatus(input);
    const b = buildFeedStatus({ ...input, reference: { state: 'fresh', ageMs: 600 }, book: { ...input.book, ageMs: 9000, reason: 'other' } });
    expect(statusFingerprint(a)).toBe(statusFingerprint(b));
  });

  it('changes with a side state (the reference book\'s too), throttling or the interval', () => {
    const a = buildFeedStatus(input);
    expect(statusFingerprint(buildFeedStatus({ ...input, book: { state: 'fresh', ageMs: 1 } }))).not.toBe(statusFingerprint(a));
    expect(statusFingerprint(buildFeedStatus({ ...input, throttled: true }))).not.toBe(statusFingerprint(a));
    expect(statusFingerprint(buildFeedStatus({ ...input, refBook: { state: 'stale', ageMs: 20_000 } }))).not.toBe(statusFingerprint(a));
    expect(statusFingerprint(buildFeedStatus({ ...input, pollIntervalMs: 900 }))).not.toBe(statusFingerprint(a));
  });
});

import type { FeedStatus, Heartbeat, StoredFees } from '@mirrorbook/contracts';
import { feeReport } from '@mirrorbook/market';
import { feeChecks, feedChecks, serviceChecks, summarize } from './health.evaluator';

const beat = (app: Heartbeat['app'], state: Heartbeat['state'], wallet?: string): Heartbeat => ({
  v: 1,
  app,
  instance: `${app}-${state}-${wallet ?? 'x'}`,
  version: '0.1.0',
  state,
  uptimeS: 60,
  rssBytes: 1,
  ...(wallet ? { wallet: { id: wallet, address: 'inj1…', subaccountId: '0x…' } } : {}),
  ts: 0,
});

const now = 1_700_000_000_000;
const status = (state: FeedStatus['state'], ageMs = 500): FeedStatus => ({
  v: 1,
  market: 'inj-usdt',
  state,
  reference: { state: 'fresh', ageMs: 300 },
  book: { state, ageMs: 400, ...(state === 'fresh' ? {} : { reason: 'LCD timeout' }) },
  throttled: false,
  pollIntervalMs: 700,
  ts: now - ageMs,
  seq: 1,
});

describe('serviceChecks', () => {
  describe('when every app runs and w1 has a running executor with a standby', () => {
    const checks = serviceChecks({
      heartbeats: [beat('price-feed', 'running'), beat('strategy', 'running'), beat('gateway', 'running'), beat('executor', 'running', 'w1'), beat('executor', 'standby', 'w1')],
      expectedApps: ['price-feed', 'strategy', 'gateway'],
      expectedExecutorWallets: ['w1'],
      listenedMs: 7500,
    });

    it('passes every service', () => {
      expect(checks.map((c) => [c.name, c.status])).toEqual([
        ['price-feed', 'ok'],
        ['strategy', 'ok'],
        ['gateway', 'ok'],
        ['executor w1', 'ok'],
      ]);
    });
  });

  describe('when the strategy is silent, the gateway stopping and w2 only paused', () => {
    const checks = serviceChecks({
      heartbeats: [beat('price-feed', 'running'), beat('gateway', 'stopping'), beat('executor', 'paused', 'w2')],
      expectedApps: ['price-feed', 'strategy', 'gateway'],
      expectedExecutorWallets: ['w1', 'w2'],
      listenedMs: 7500,
    });

    it('marks the silent and stopping ones down and the paused executor warn', () => {
      expect(Object.fromEntries(checks.map((c) => [c.name, c.status]))).toEqual({
        'price-feed': 'ok',
        strategy: 'down',
        gateway: 'down',
        'executor w1': 'down',
        'executor w2': 'warn',
      });
      expect(checks.find((c) => c.name === 'strategy')?.detail).toBe('no heartbeat within 7s');
    });

    it('fails the summary', () => {
      expect(summarize(checks)).toEqual({ healthy: false, degraded: true, ok: 1, warn: 1, down: 3 });
    });
  });
});

describe('feedChecks', () => {
  it('passes a fresh feed, warns on a stale one, fails a down one', () => {
    const checks = feedChecks(
      [
        { market: 'a', status: status('fresh') },
        { market: 'b', status: status('stale') },
        { market: 'c', status: status('down') },
      ],
      now,
      30_000,
    );
    expect(checks.map((c) => c.status)).toEqual(['ok', 'warn', 'down']);
    expect(checks[1]?.detail).toBe('stale: reference fresh 0s, book stale 0s (LCD timeout)');
  });

  it('fails a market without a status, with an unreadable one, or with one nobody refreshes', () => {
    const checks = feedChecks(
      [
        { market: 'a', status: null },
        { market: 'b', status: null, invalid: 'state: invalid enum value' },
        { market: 'c', status: status('fresh', 60_000) },
      ],
      now,
      30_000,
    );
    expect(checks.map((c) => c.status)).toEqual(['down', 'down', 'down']);
    expect(checks[2]?.detail).toBe('status not updated for 1m00s (last said fresh)');
  });
});

describe('feeChecks', () => {
  const fees = (state: 'normal' | 'slow' | 'paused', reason: string | null): StoredFees => ({
    v: 1,
    ts: now,
    day: '2023-11-14',
    todayInj: '4.01',
    txsToday: 38,
    perDayInj: '4.1',
    availableInj: '51.5',
    reserveInj: '1',
    feeDenom: 'inj',
    runwayDays: '12.3',
    budget: { dailyInj: '5', slowAtPct: 80, state, reason },
  });
  const checks = feeChecks(
    new Map([
      ['w1', feeReport({ status: 'ok', record: fees('normal', null) }, now)],
      ['w2', feeReport({ status: 'ok', record: fees('slow', 'fees today 4.01 of 5 INJ, 80 %') }, now)],
      ['w3', feeReport({ status: 'ok', record: fees('paused', 'fees today 5.02 of 5 INJ, 100 %') }, now)],
      ['w4', feeReport({ status: 'missing' }, now)],
      ['w5', feeReport({ status: 'invalid', reason: 'todayInj: Expected string, received number' }, now)],
    ]),
  );

  it('warns on a paused budget with its reason and never fails health for fees', () => {
    expect(checks.map((c) => [c.name, c.status])).toEqual([
      ['fees w1', 'ok'],
      ['fees w2', 'ok'],
      ['fees w3', 'warn'],
      ['fees w4', 'ok'],
      ['fees w5', 'warn'],
    ]);
    expect(checks[2]?.detail).toContain('budget 5 INJ/day: paused (fees today 5.02 of 5 INJ, 100 %)');
    expect(summarize(checks)).toEqual({ healthy: true, degraded: true, ok: 3, warn: 2, down: 0 });
  });

  it('says why a slow budget slows, that no record is there yet, or that one is unreadable', () => {
    expect(checks[1]?.detail).toContain('budget 5 INJ/day: slow (fees today 4.01 of 5 INJ, 80 %)');
    expect(checks[3]?.detail).toBe('no fee data yet');
    expect(checks[4]?.detail).toBe('fee data unavailable (invalid record: todayInj: Expected string, received number)');
  });
});

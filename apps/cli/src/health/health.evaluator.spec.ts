import type { FeedStatus, Heartbeat } from '@mirrorbook/contracts';
import { feedChecks, serviceChecks, summarize } from './health.evaluator';

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
      expect(summarize(checks)).toEqual({ healthy: false, ok: 1, warn: 1, down: 3 });
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

import { Logger } from '@nestjs/common';
import { register, type Counter } from 'prom-client';
import type { AppConfig } from '@mirrorbook/config';
import type { MessagingService } from '@mirrorbook/messaging';
import type { RedisService } from '@mirrorbook/redis';
import { book } from '@mirrorbook/testing';
import type { StoredJsonReader } from '../platform/stored-json.reader';
import type { TopicHub } from '../realtime/topic.hub';
import { QualityMonitor } from './quality.monitor';

const MARKET = 'inj-usdt';
const T0 = Date.now() - 10_000;
const config = {
  env: { QUALITY_MIN_DEPTH: '4000', QUALITY_WINDOW_MS: 60_000, QUALITY_PUBLISH_INTERVAL_MS: 0 },
  markets: [{ key: MARKET }],
  bots: [],
  strategyDefaults: {},
} as unknown as AppConfig;

async function writeFailures(): Promise<number> {
  const metric = register.getSingleMetric('mirrorbook_quality_redis_write_failures_total') as Counter | undefined;
  return (await metric?.get())?.values[0]?.value ?? 0;
}

/** A monitor whose Redis is ready but refuses every write (`set` rejects), or is not ready at all. */
function monitorWith(redis: { ready: boolean }) {
  const published: { subject: { subject: string }; payload: unknown }[] = [];
  const messaging = { publish: (subject: { subject: string }, payload: unknown) => published.push({ subject, payload }) } as unknown as MessagingService;
  const client = { set: jest.fn().mockRejectedValue(new Error('NOPERM this user has no permissions to access the key')), hgetall: jest.fn() };
  const service = { isReady: () => redis.ready, client } as unknown as RedisService;
  const hub = { publish: jest.fn() } as unknown as TopicHub;
  const monitor = new QualityMonitor(config, messaging, service, {} as StoredJsonReader, hub);
  monitor.applyReference(book({ role: 'reference', net: 'mainnet', market: MARKET, ts: T0, seq: 1 }), MARKET);
  return { monitor, published, set: client.set };
}

/** Lets the rejected `set` promises settle (no timer involved). */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('QualityMonitor: quality:<mk> in Redis', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('goes on publishing md.quality when the write is refused, counting each failure and logging once', async () => {
    const { monitor, published, set } = monitorWith({ ready: true });
    const before = await writeFailures();
    for (const [i, ts] of [T0 + 1000, T0 + 2000, T0 + 3000].entries()) {
      await monitor.measure(book({ market: MARKET, ts, seq: 2 + i }));
      await settled();
    }
    expect(published.map((p) => p.subject.subject)).toEqual([`md.quality.${MARKET}`, `md.quality.${MARKET}`, `md.quality.${MARKET}`]);
    expect(set).toHaveBeenCalledTimes(3);
    expect(set).toHaveBeenLastCalledWith(`quality:${MARKET}`, JSON.stringify(published[2]!.payload), 'PX', 180_000);
    expect(await writeFailures()).toBe(before + 3);
    expect(warn.mock.calls.filter(([m]) => String(m).includes(`quality:${MARKET}`))).toHaveLength(1);
  });

  it('publishes without trying Redis while it is not ready, and counts the skipped write', async () => {
    const { monitor, published, set } = monitorWith({ ready: false });
    const before = await writeFailures();
    await monitor.measure(book({ market: MARKET, ts: T0 + 1000, seq: 2 }));
    expect(published).toHaveLength(1);
    expect(set).not.toHaveBeenCalled();
    expect(await writeFailures()).toBe(before + 1);
  });
});

import type { INestApplication } from '@nestjs/common';
import { connect, type NatsConnection } from 'nats';
import { register } from 'prom-client';
import { subjects, type PriceTick } from '@mirrorbook/contracts';
import { MessagingModule, MessagingService, OutboundPayloadError } from '@mirrorbook/messaging';
import { eventually, startAppInProcess, startNatsServer, type TestNatsServer } from '@mirrorbook/testing';

const tick = (seq: number): PriceTick => ({
  v: 1, net: 'sim', role: 'reference', market: 'inj-usdt', bid: '24.99', ask: '25.01', mid: '25', last: null,
  source: 'mid', height: seq, ts: Date.now(), seq,
});

async function invalidCount(reason: string): Promise<number> {
  const metric = await register.getSingleMetric('mirrorbook_invalid_messages_total')?.get();
  return metric?.values.find((v) => v.labels.family === 'mdPrice' && v.labels.reason === reason)?.value ?? 0;
}

describe('MessagingService against a real NATS server', () => {
  let server: TestNatsServer;
  let app: INestApplication;
  let messaging: MessagingService;
  let raw: NatsConnection;

  beforeAll(async () => {
    server = await startNatsServer();
    app = await startAppInProcess({ imports: [MessagingModule.forRoot({ url: server.url, name: 'test', streams: { MD: { maxAgeS: 60, maxBytes: 16 * 1024 ** 2 }, INTENTS: { maxAgeS: 60, maxBytes: 16 * 1024 ** 2 } } })] });
    messaging = app.get(MessagingService);
    await messaging.ready();
    raw = await connect({ servers: server.url });
  });
  afterAll(async () => {
    await raw?.close();
    await app?.close();
    await server?.stop();
  });

  describe('when invalid payloads arrive among valid ones', () => {
    it('hands only the valid ones to the handler and counts the rest by reason', async () => {
      const received: number[] = [];
      messaging.subscribe(subjects.mdPrice('sim', '*'), (payload) => {
        received.push(payload.seq);
      });
      // the subscription must reach the server before the other connection publishes
      await (await messaging.connectionWhenReady()).flush();
      const [notJsonBefore, schemaBefore] = [await invalidCount('not-json'), await invalidCount('schema')];
      raw.publish('md.price.sim.inj-usdt', new TextEncoder().encode(JSON.stringify(tick(1))));
      raw.publish('md.price.sim.inj-usdt', new TextEncoder().encode('{not json'));
      raw.publish('md.price.sim.inj-usdt', new TextEncoder().encode(JSON.stringify({ ...tick(2), mid: 25.0 })));
      raw.publish('md.price.sim.inj-usdt', new TextEncoder().encode(JSON.stringify(tick(3))));
      await raw.flush();
      await eventually(() => received.length === 2, 5000, 'the two valid ticks');
      expect(received).toEqual([1, 3]);
      expect(await invalidCount('not-json')).toBe(notJsonBefore + 1);
      expect(await invalidCount('schema')).toBe(schemaBefore + 1);
    });
  });

  describe('when publishing', () => {
    it('sends the plain JSON of the schema, readable by any client', async () => {
      const sub = raw.subscribe('md.price.sim.atom-usdt', { max: 1 });
      await raw.flush();
      messaging.publish(subjects.mdPrice('sim', 'atom-usdt'), { ...tick(7), market: 'atom-usdt' });
      for await (const msg of sub) expect(JSON.parse(new TextDecoder().decode(msg.data))).toMatchObject({ v: 1, seq: 7, market: 'atom-usdt' });
    });

    it('refuses a payload its own contract rejects', () => {
      expect(() => messaging.publish(subjects.mdPrice('sim', 'inj-usdt'), { ...tick(1), mid: '-1' })).toThrow(OutboundPayloadError);
    });
  });
});

describe('MessagingService: bounded streams and durable messages', () => {
  let server: TestNatsServer;
  let app: INestApplication;
  let messaging: MessagingService;
  let raw: NatsConnection;
  const MB = 1024 ** 2;

  beforeAll(async () => {
    server = await startNatsServer();
    const streams = { EXEC: { maxAgeS: 60, maxBytes: 2 * MB, maxMsgsPerSubject: 50 } };
    app = await startAppInProcess({ imports: [MessagingModule.forRoot({ url: server.url, name: 'bounded', streams })] });
    messaging = app.get(MessagingService);
    await messaging.ready();
    raw = await connect({ servers: server.url });
  });
  afterAll(async () => {
    await raw?.close();
    await app?.close();
    await server?.stop();
  });

  it('declares its streams with max_bytes, max_msgs_per_subject and discard old: a flood evicts the oldest and publishes go on', async () => {
    const jsm = await raw.jetstreamManager();
    const info = await jsm.streams.info('EXEC');
    expect(info.config).toMatchObject({ max_bytes: 2 * MB, max_msgs_per_subject: 50, discard: 'old' });
    const event = new TextEncoder().encode('x'.repeat(100));
    for (let i = 0; i < 200; i++) await raw.jetstream().publish('orders.w1.inj-usdt', event);
    expect((await jsm.streams.info('EXEC', { subjects_filter: '>' })).state.subjects).toEqual({ 'orders.w1.inj-usdt': 50 });
  });

  it('stores a retried message once: the same report carries the same Nats-Msg-Id', async () => {
    const report = { v: 1 as const, wallet: 'w2', intentIds: ['i-1'], outcome: 'applied' as const, txHash: null, height: 7, code: 0, codespace: null, createdOrderHashes: [], cancelledOrderHashes: [], failed: [], latency: { toBroadcastMs: null, toInclusionMs: null }, error: null, ts: Date.now() };
    const first = messaging.durableMessage(subjects.execReport('w2'), report);
    const again = messaging.durableMessage(subjects.execReport('w2'), report);
    expect(again.msgId).toBe(first.msgId);
    await messaging.publishMessage(first);
    await messaging.publishMessage(again);
    await messaging.publishMessage(messaging.durableMessage(subjects.execReport('w2'), { ...report, intentIds: ['i-2'] }));
    const jsm = await raw.jetstreamManager();
    expect((await jsm.streams.info('EXEC', { subjects_filter: 'exec.report.w2' })).state.subjects).toEqual({ 'exec.report.w2': 2 });
  });

  it('lists a stream at 70 % of its max_bytes under /health degraded until it is back below', () => {
    messaging.noteStreamUsage('EXEC', 0.69 * MB, MB);
    expect(messaging.storageAlertsNow()).toEqual({});
    messaging.noteStreamUsage('EXEC', 0.7 * MB, MB);
    expect(messaging.storageAlertsNow()).toEqual({ EXEC: expect.stringMatching(/^70 % of max_bytes/) });
    messaging.noteStreamUsage('EXEC', 0.2 * MB, MB);
    expect(messaging.storageAlertsNow()).toEqual({});
  });
});

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

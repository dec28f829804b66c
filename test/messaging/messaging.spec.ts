import type { INestApplication } from '@nestjs/common';
import { connect, type NatsConnection } from 'nats';
import { register } from 'prom-client';
import { subjects, type PriceTick } from '@mirrorbook/contracts';
import { MessagingModule, MessagingService, OutboundPayloadError } from '@mirrorbook/messaging';
import { startAppInProcess, startNatsServer, type TestNatsServer } from '@mirrorbook/testing';

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
    app = await startAppInProcess({ imports: [MessagingModule.forRoot({ url: server.url, name: 'test', streams: { MD: { maxAgeS: 60 }, INTENTS: { maxAgeS: 60 } } })] });
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
      await waitFor(() => received.length === 2);
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

  describe('a durable consumer', () => {
    it('receives what was published before it started, and redelivers after a nak', async () => {
      const intent = (id: string) => ({
        v: 1 as const, id, wallet: 'w1', bot: 'b1', ts: Date.now(), deadline: Date.now() + 60_000,
        plans: [{ market: 'inj-usdt', phase: 'MAINTENANCE' as const, basedOn: { bookSeq: 1, priceSeq: 1, referencePrice: '25' }, actions: [{ type: 'cancelAll' as const }] }],
      });
      await messaging.publishDurable(subjects.intent('w1'), intent('early'));
      const seen: string[] = [];
      await messaging.consumeDurable({ stream: 'INTENTS', durable: 'executor-w1', filter: subjects.intent('w1') }, async (payload, meta) => {
        seen.push(`${payload.id}#${meta.redeliveryCount}`);
        return meta.redeliveryCount === 1 ? { nak: 10 } : { ack: true };
      });
      await waitFor(() => seen.length >= 2);
      expect(seen).toEqual(['early#1', 'early#2']);
    });
  });
});

describe('a durable consumer meeting an invalid payload', () => {
  let server: TestNatsServer;
  let app: INestApplication;

  beforeAll(async () => {
    server = await startNatsServer();
    app = await startAppInProcess({ imports: [MessagingModule.forRoot({ url: server.url, name: 'term-test', streams: { INTENTS: { maxAgeS: 60 } } })] });
    await app.get(MessagingService).ready();
  });
  afterAll(async () => {
    await app?.close();
    await server?.stop();
  });

  it('terminates it: the server records it done, with nothing pending to redeliver after the ack wait', async () => {
    const metric = async () =>
      (await register.getSingleMetric('mirrorbook_invalid_messages_total')?.get())?.values.find((v) => v.labels.family === 'intent')?.value ?? 0;
    const before = await metric();
    const raw = await connect({ servers: server.url });
    const { seq } = await raw.jetstream().publish('intent.w9', new TextEncoder().encode('{"not":"an intent"}'));
    await app.get(MessagingService).consumeDurable({ stream: 'INTENTS', durable: 'term-w9', filter: subjects.intent('w9'), ackWaitMs: 300 }, async () => ({ ack: true }));
    // The server's own record instead of a sleep: once the term reached it, the message is past
    // the ack floor and nothing is pending, so nothing is ever redelivered. A term the server
    // ignored leaves it pending (and redelivered every 300 ms): the floor never gets there.
    const jsm = await raw.jetstreamManager();
    const info = async () => jsm.consumers.info('INTENTS', 'term-w9');
    await waitFor(async () => (await info()).ack_floor.stream_seq >= seq);
    const done = await info();
    expect({ pending: done.num_ack_pending, waiting: done.num_pending }).toEqual({ pending: 0, waiting: 0 });
    // every delivery was counted as invalid once and terminated (one, unless a busy machine held
    // the first past the 300 ms ack wait)
    expect(done.delivered.consumer_seq).toBeGreaterThanOrEqual(1);
    expect((await metric()) - before).toBe(done.delivered.consumer_seq);
    await raw.close();
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

import type { INestApplication } from '@nestjs/common';
import { connect, type NatsConnection } from 'nats';
import { register } from 'prom-client';
import { subjects, type BatchIntent } from '@mirrorbook/contracts';
import { MessagingModule, MessagingService } from '@mirrorbook/messaging';
import { eventually, startAppInProcess, startNatsServer, type TestNatsServer } from '@mirrorbook/testing';
// the inbox alone against a real nats-server: a whole executor would need a chain to give intents back 5 times
// eslint-disable-next-line no-restricted-imports
import { INTENT_MAX_DELIVER, IntentInbox } from '../../apps/executor/src/intents/intent.inbox';
// eslint-disable-next-line no-restricted-imports
import { batchIntent, marketPlan } from '../../apps/executor/src/testing/intent.fixture';

const MB = 1024 ** 2;

async function deadLettered(): Promise<number> {
  const metric = await register.getSingleMetric('mirrorbook_dead_lettered_total')?.get();
  return metric?.values.find((v) => v.labels.stream === 'INTENTS')?.value ?? 0;
}

describe('IntentInbox: an intent delivered too often goes to the dead-letter stream', () => {
  let server: TestNatsServer;
  let app: INestApplication;
  let messaging: MessagingService;
  let raw: NatsConnection;

  beforeAll(async () => {
    server = await startNatsServer();
    const streams = { INTENTS: { maxAgeS: 60, maxBytes: 4 * MB }, DLQ: { maxAgeS: 600, maxBytes: MB } };
    app = await startAppInProcess({ imports: [MessagingModule.forRoot({ url: server.url, name: 'dlq-test', streams })] });
    messaging = app.get(MessagingService);
    await messaging.ready();
    raw = await connect({ servers: server.url });
  });
  afterAll(async () => {
    await raw?.close();
    await app?.close();
    await server?.stop();
  });

  it(`hands it to the engine ${INTENT_MAX_DELIVER} times, then sets it aside on dlq.intent.<wallet> as received, counts it and never delivers it again`, async () => {
    const intent = batchIntent('poison-1', [marketPlan('inj-usdt', 1)], { wallet: 'w1', ts: Date.now(), deadline: Date.now() + 30_000 });
    const data = new TextEncoder().encode(JSON.stringify(intent));
    await raw.jetstream().publish(subjects.intent('w1').subject, data);
    const received: BatchIntent[] = [];
    const before = await deadLettered();
    const inbox = new IntentInbox(messaging, 'w1');
    // each holder gives it back (as at a takeover, or a crash): one more delivery every time
    for (let delivery = 1; delivery < INTENT_MAX_DELIVER; delivery++) {
      await inbox.start({ intentReceived: (i) => received.push(i), intentRefused: () => undefined });
      await eventually(() => received.length === delivery, 10_000, `delivery ${delivery}`);
      await inbox.stop();
    }
    // the last delivery, given back on a lease loss: the server gives up on it
    await inbox.start({ intentReceived: (i) => received.push(i), intentRefused: () => undefined });
    await eventually(() => received.length === INTENT_MAX_DELIVER, 10_000, 'the last delivery');
    inbox.settle('poison-1', 'nak');
    await eventually(async () => (await deadLettered()) === before + 1, 10_000, 'the intent dead-lettered');
    expect(received.map((i) => i.id)).toEqual(Array(INTENT_MAX_DELIVER).fill('poison-1'));

    const jsm = await raw.jetstreamManager();
    await eventually(async () => (await jsm.streams.info('DLQ')).state.messages === 1, 5000, 'one message in DLQ');
    const stored = await jsm.streams.getMessage('DLQ', { last_by_subj: 'dlq.intent.w1' });
    expect(new TextDecoder().decode(stored.data)).toBe(JSON.stringify(intent));
    // never delivered again
    expect((await jsm.consumers.info('INTENTS', 'executor-w1')).num_ack_pending).toBe(0);
    expect(received).toHaveLength(INTENT_MAX_DELIVER);
    expect((await jsm.consumers.info('INTENTS', 'executor-w1')).config.max_deliver).toBe(INTENT_MAX_DELIVER);
    await inbox.stop();
  });
});

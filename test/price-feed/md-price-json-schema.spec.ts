import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { connect, type NatsConnection } from 'nats';
import { REPO_ROOT, startTestServers, type TestServers } from '@mirrorbook/testing';
import { FeedProcess } from './support/feed.fixture';
import { SimProcess } from './support/sim.fixture';

// The subscriber below is what any other team would write: a plain NATS client, JSON.parse, and
// the JSON Schema published in docs/contracts/ — no project code on the consuming side.

const SCHEMA = JSON.parse(readFileSync(join(REPO_ROOT, 'docs', 'contracts', 'mdPrice.schema.json'), 'utf8')) as object;

describe('md.price as seen by a plain NATS client', () => {
  let servers: TestServers;
  let sim: SimProcess;
  let feed: FeedProcess;
  let nc: NatsConnection;
  let simConfigDir: string;
  const validate = new Ajv({ allErrors: true }).compile(SCHEMA);

  beforeAll(async () => {
    servers = await startTestServers();
    // a mispriced testnet book from the start, so trading ticks flow beside the reference ones
    simConfigDir = mkdtempSync(join(tmpdir(), 'mb-sim-config-'));
    writeFileSync(join(simConfigDir, 'sim.json'), JSON.stringify({ exchange: { defaults: { testnetInitial: { kind: 'mispriced' } } } }));
    sim = await SimProcess.start({ ...servers.env, SIM_CONFIG: join(simConfigDir, 'sim.json') });
    nc = await connect({ servers: servers.nats.url });
    feed = await FeedProcess.start({ ...servers.env, NETWORK: 'sim', SIM_LCD_URL: sim.url });
  }, 90_000);

  afterAll(async () => {
    await feed?.stop('SIGKILL');
    await nc?.close();
    await sim?.stop();
    await servers?.stop();
    rmSync(simConfigDir, { recursive: true, force: true });
  });

  it('receives JSON that validates against docs/contracts/mdPrice.schema.json, for both roles', async () => {
    const received: { subject: string; body: unknown }[] = [];
    const sub = nc.subscribe('md.price.>');
    for await (const msg of sub) {
      received.push({ subject: msg.subject, body: JSON.parse(new TextDecoder().decode(msg.data)) });
      const roles = new Set(received.map((r) => (r.body as { role?: string }).role));
      if (received.length >= 20 && roles.has('reference') && roles.has('trading')) break;
    }
    const invalid = received.flatMap((r) => (validate(r.body) ? [] : [{ ...r, errors: validate.errors }]));
    expect(invalid).toEqual([]);
    for (const { subject, body } of received) {
      const { net, market } = body as { net: string; market: string };
      expect(subject).toBe(`md.price.${net}.${market}`);
    }
  }, 60_000);

  it('uses a schema that refuses a price sent as a JSON number (the check can fail)', () => {
    const tick = { v: 1, net: 'sim', role: 'reference', market: 'inj-usdt', bid: '9.99', ask: '10.01', mid: '10', last: null, source: 'mid', height: 5, ts: 1, seq: 1 };
    expect(validate(tick)).toBe(true);
    expect(validate({ ...tick, mid: 10 })).toBe(false);
    expect(validate({ ...tick, extra: true })).toBe(false);
  });
});

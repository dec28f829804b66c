import type { Stack } from '@mirrorbook/testing/stack';
import { eventually } from '@mirrorbook/testing';
import { botBook, calmPrice, note, startScenario } from './support/e2e.fixture';
import { malformedHttpBodies } from './support/malformed.payloads';
import { floodHttp, floodNats } from './support/malformed.flood';

// A short version of the chaos suite's flood (test/chaos/malformed-input.spec.ts: 10,000 NATS
// messages, 1,000 HTTP bodies), so every `npm test` checks that invalid input is refused and counted.
describe('e2e: malformed input on every subject and to the gateway', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startScenario({
      markets: ['inj-usdt'],
      bots: [{ id: 'quoter', wallet: 'w1', markets: ['inj-usdt'] }],
      sim: { exchange: { pairs: { 'inj-usdt': { price: calmPrice('25') } } } },
    });
    await eventually(async () => (await botBook(stack, 'w1', 'inj-usdt')).orders >= 54, 60_000, 'a full book');
  }, 240_000);
  afterAll(async () => stack?.stop());

  it('counts every malformed NATS payload in mirrorbook_invalid_messages_total of each service that takes its subject', async () => {
    const flood = await floodNats(stack, 400);
    note(`malformed NATS (short): counted ${JSON.stringify(flood.counted)}`);
    expect({ uncounted: flood.uncounted, partial: flood.partial }).toEqual({ uncounted: [], partial: [] });
    for (const [name, proc] of stack.procs) expect({ name, running: proc.running }).toEqual({ name, running: true });
  }, 180_000);

  it('answers each kind of malformed body with a 4xx (413 when too large), counts it and changes nothing', async () => {
    const kinds = malformedHttpBodies().length;
    const flood = await floodHttp(stack, kinds * 2);
    note(`malformed HTTP (short): ${JSON.stringify(flood)}`);
    expect(Object.keys(flood.statuses).filter((s) => !(Number(s) >= 400 && Number(s) < 500))).toEqual([]);
    expect(flood.statuses['413']).toBe(2);
    expect(flood.counted).toBe(kinds * 2);
    expect((await stack.gateway('GET', '/api/bots/quoter')).body).toMatchObject({ overrides: {} });
  }, 180_000);
});

import type { Stack } from '@mirrorbook/testing/stack';
import { eventually, WsClient } from '@mirrorbook/testing';
import { botBook, calmPrice, IntentLedger, note, startScenario } from '../e2e/support/e2e.fixture';
import { floodHttp, floodNats } from '../e2e/support/malformed.flood';
import { keyLeaks } from './support/chaos.fixture';

const MARKETS = ['inj-usdt', 'inj-usdt-perp'];

describe('chaos: 10,000 malformed NATS messages, 1,000 malformed HTTP bodies and abusive WebSocket clients', () => {
  let stack: Stack;
  let pids: Map<string, number>;

  beforeAll(async () => {
    stack = await startScenario({
      markets: MARKETS,
      bots: [{ id: 'quoter', wallet: 'w1', markets: MARKETS }],
      sim: { exchange: { pairs: { 'inj-usdt': { price: calmPrice('25') }, 'inj-usdt-perp': { price: calmPrice('25') } } } },
    });
    for (const key of MARKETS) await eventually(async () => (await botBook(stack, 'w1', key)).orders >= 54, 60_000, `a full ${key} book`);
    pids = new Map([...stack.procs].map(([name, p]) => [name, p.pid]));
  }, 240_000);
  afterAll(async () => stack?.stop());

  it('skips and counts every malformed NATS message on every subject, and keeps trading', async () => {
    const since = Date.now();
    const flood = await floodNats(stack, 10_000);
    note(`malformed NATS: sent ${JSON.stringify(flood.sent)}; counted ${JSON.stringify(flood.counted)}`);
    expect({ uncounted: flood.uncounted, partial: flood.partial }).toEqual({ uncounted: [], partial: [] });
    for (const [name, proc] of stack.procs) expect({ name, pid: proc.pid, running: proc.running }).toEqual({ name, pid: pids.get(name), running: true });
    const ledger = new IntentLedger(stack.bus);
    await eventually(() => ledger.reports().some((r) => r.outcome === 'applied' && r.ts > since), 60_000, 'an applied tx after the flood');
  }, 600_000);

  it('answers every malformed HTTP body with a 4xx, counts it, and stays up', async () => {
    const flood = await floodHttp(stack, 1_000);
    note(`malformed HTTP: 1000 bodies, statuses ${JSON.stringify(flood.statuses)}; counted ${flood.counted}`);
    expect(Object.keys(flood.statuses).filter((s) => !(Number(s) >= 400 && Number(s) < 500))).toEqual([]);
    expect(flood.counted).toBe(1_000);
    expect({ pid: stack.procs.get('gateway')!.pid, running: stack.procs.get('gateway')!.running }).toEqual({ pid: pids.get('gateway'), running: true });
    const view = await stack.gateway('GET', '/api/bots/quoter');
    expect(view.status).toBe(200);
    // no malformed patch changed a parameter
    expect(view.body).toMatchObject({ overrides: {} });
  }, 600_000);

  it('closes WebSocket clients that flood, send huge frames or guess tokens, refuses foreign pages, and stays up', async () => {
    const wsUrl = `${stack.gatewayUrl!.replace('http', 'ws')}/ws`;
    await expect(WsClient.open(wsUrl, { Origin: 'https://evil.example' })).rejects.toThrow('Unexpected server response: 403');
    const [flooder, huge, guesser] = [await WsClient.open(wsUrl), await WsClient.open(wsUrl), await WsClient.open(wsUrl)];
    for (let i = 0; i < 5_000; i++) flooder.send({ op: 'ping' });
    huge.send(JSON.stringify({ op: 'ping', padding: 'x'.repeat(1024 * 1024) }));
    for (let i = 0; i < 300; i++) guesser.send({ op: 'control', bot: 'quoter', action: 'pause', token: `guess-${i}-0123456789` });
    const closes = await Promise.all([flooder.closed, huge.closed, guesser.closed]);
    note(`WebSocket abuse: closes ${JSON.stringify(closes)}; guesser answered ${guesser.messages.length} times`);
    expect(closes.map((c) => c.code)).toEqual([1008, 1009, 1008]);
    // closed by the sixth failure or by its message bucket, whichever comes first: never more than five answers
    expect(guesser.messages.filter((m) => m.code === 'UNAUTHORIZED').length).toBeLessThanOrEqual(5);
    expect({ pid: stack.procs.get('gateway')!.pid, running: stack.procs.get('gateway')!.running }).toEqual({ pid: pids.get('gateway'), running: true });
    expect((await stack.gateway('GET', '/api/bots/quoter')).body).toMatchObject({ desired: 'running' });
  }, 120_000);

  it('never shows the wallet key: not in a log line, a NATS message of the run or a Redis value', async () => {
    const leaks = await keyLeaks(stack);
    note(`key check (malformed input): ${JSON.stringify(leaks)}`);
    expect(leaks).toMatchObject({ logs: 0, nats: 0, redis: 0 });
  });
});

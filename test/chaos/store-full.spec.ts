import { connect, type NatsConnection } from 'nats';
import { executionReportSchema, isFinalReport } from '@mirrorbook/contracts';
import type { Stack } from '@mirrorbook/testing/stack';
import { eventually } from '@mirrorbook/testing';
import { botBook, calmPrice, IntentLedger, note, startScenario } from '../e2e/support/e2e.fixture';
import { keyLeaks, scrape, settle } from './support/chaos.fixture';

const MARKETS = ['inj-usdt'];
const MB = 1024 ** 2;
/** the whole JetStream store of this run: 20 MB */
const STORE = 'jetstream { max_file_store: 20MB, max_memory_store: 8MB }';
/** the budgets (sum 13 MB ≤ 20 MB: nats-server reserves each out of the store) */
const BUDGETS = { MD_MAX_BYTES: 4 * MB, EXEC_MAX_BYTES: 6 * MB, INTENTS_MAX_BYTES: 2 * MB, DLQ_MAX_BYTES: 1 * MB };
/** order events kept per subject: the flood of one wallet's market evicts only its own older events */
const PER_SUBJECT = 15_000;
const FLOOD = 100_000;
const FLOOD_BLOCKS = 20;

/** Intent ids with a final report kept in the EXEC stream (read from the stream alone, not the recorder). */
async function finalReportsInStream(nc: NatsConnection, wallet: string): Promise<Set<string>> {
  const ids = new Set<string>();
  const consumer = await nc.jetstream().consumers.get('EXEC', { filterSubjects: `exec.report.${wallet}` });
  const decoder = new TextDecoder();
  for (;;) {
    let n = 0;
    for await (const m of await consumer.fetch({ max_messages: 1000, expires: 1500 })) {
      n += 1;
      const parsed = executionReportSchema.safeParse(JSON.parse(decoder.decode(m.data)));
      if (parsed.success && isFinalReport(parsed.data)) for (const id of parsed.data.intentIds) ids.add(id);
    }
    if (n === 0) return ids;
  }
}

/** Heights of the applied txs of `wallet`, ascending. */
function appliedHeights(ledger: IntentLedger, wallet: string): number[] {
  return [...new Set(ledger.reports(wallet).filter((r) => r.outcome === 'applied' && r.height !== null).map((r) => r.height!))].sort((a, b) => a - b);
}

/** Largest number of blocks between consecutive applied txs in [from, to], the ends included. */
function widestGap(heights: number[], from: number, to: number): number {
  const inside = [from, ...heights.filter((h) => h > from && h < to), to];
  return Math.max(...inside.slice(1).map((h, i) => h - inside[i]!));
}

describe('chaos: a flood of order events into a 20 MB JetStream store', () => {
  let stack: Stack;
  let nc: NatsConnection;

  beforeAll(async () => {
    stack = await startScenario({
      markets: MARKETS,
      bots: [{ id: 'quoter', wallet: 'w1', markets: MARKETS }],
      natsConfig: STORE,
      sim: { exchange: { pairs: { 'inj-usdt': { price: calmPrice('25'), takers: { lambdaPerBlock: 0.5 } } } } },
      env: {
        ...Object.fromEntries(Object.entries(BUDGETS).map(([k, v]) => [k, String(v)])),
        EXEC_MAX_MSGS_PER_SUBJECT: String(PER_SUBJECT),
        JETSTREAM_USAGE_CHECK_MS: '500',
      },
    });
    nc = await connect({ servers: stack.servers.nats.url, name: 'store-flood' });
    await eventually(async () => (await botBook(stack, 'w1', 'inj-usdt')).orders >= 54, 60_000, 'a full inj-usdt book');
  }, 240_000);
  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  it('keeps applying intents through 100 000 order events as before them, never fills the store, and loses no report across a NATS restart', async () => {
    const jsm = await nc.jetstreamManager();
    const ledger = new IntentLedger(stack.bus);

    // the measured rates behind the budgets (docs/architecture.md#jetstream-streams)
    const before = (await jsm.streams.info('EXEC')).state;
    const eventsBefore = stack.bus.on('orders.w1.').length;
    const t0 = Date.now();
    const calmFrom = await stack.waitBlocks(0);
    const calmTo = await stack.waitBlocks(40);
    const after = (await jsm.streams.info('EXEC')).state;
    const minutes = (Date.now() - t0) / 60_000;
    const events = stack.bus.on('orders.w1.').length - eventsBefore;
    const bytesPerMessage = (after.bytes - before.bytes) / (after.messages - before.messages);
    note(`measured: ${events} order events in ${minutes.toFixed(2)} min = ${(events / minutes).toFixed(0)} per wallet per minute (1 bot, 1 market, 500 ms blocks); EXEC ${(bytesPerMessage).toFixed(0)} bytes stored per message`);

    // the flood: real order events, raw on the wallet's order-event subject, FLOOD / FLOOD_BLOCKS a block
    const sample = stack.bus.on('orders.w1.inj-usdt').at(-1)!;
    const data = new TextEncoder().encode(sample.data);
    const floodFrom = await stack.waitBlocks(0);
    for (let block = 0; block < FLOOD_BLOCKS; block++) {
      for (let i = 0; i < FLOOD / FLOOD_BLOCKS; i++) nc.publish(sample.subject, data);
      await nc.flush();
      await stack.waitBlocks(1);
    }
    const floodTo = await stack.waitBlocks(0);
    const exec = await jsm.streams.info('EXEC', { subjects_filter: '>' });
    const account = await jsm.getAccountInfo();
    note(`flood of ${FLOOD} events (${data.length} bytes each) over blocks ${floodFrom}..${floodTo}: EXEC ${exec.state.messages} messages, ${exec.state.bytes} bytes (max ${exec.config.max_bytes}), ${exec.state.subjects?.[sample.subject]} on ${sample.subject}; store ${account.storage} bytes of 20 MB`);
    expect(exec.state.subjects?.[sample.subject]).toBe(PER_SUBJECT);
    expect(exec.state.bytes).toBeLessThanOrEqual(BUDGETS.EXEC_MAX_BYTES);
    expect(account.storage).toBeLessThan(20 * MB);

    // the executor (owner of EXEC) raised the 70 % alert: gauge and /health
    const usage = (await scrape(stack, 'mirrorbook_jetstream_stream_usage_ratio', { stream: 'EXEC' }))['executor-w1-0']!;
    const health = (await (await fetch(`${await stack.url('executor-w1-0')}/health`)).json()) as { status: string; degraded: Record<string, Record<string, string>> };
    note(`EXEC usage gauge ${usage.toFixed(3)}; executor /health ${health.status}: ${JSON.stringify(health.degraded.jetstreamStorage)}`);
    expect(exec.state.bytes / BUDGETS.EXEC_MAX_BYTES).toBeGreaterThanOrEqual(0.7);
    await eventually(async () => (await scrape(stack, 'mirrorbook_jetstream_stream_usage_ratio', { stream: 'EXEC' }))['executor-w1-0']! >= 0.7, 10_000, 'the EXEC usage gauge at 70 %');
    expect(health.degraded.jetstreamStorage?.EXEC).toMatch(/% of max_bytes/);
    expect(stack.logs()).toMatch(/JetStream stream EXEC at \d+ % of max_bytes/);

    // intents go on applying during the flood and after it as they did before it: the widest gap
    // between applied txs no wider than in the 40 calm blocks before, every executable intent applied
    await stack.waitBlocks(20);
    const end = await stack.waitBlocks(0);
    const heights = appliedHeights(ledger, 'w1');
    const calm = widestGap(heights, calmFrom, calmTo);
    const during = widestGap(heights, floodFrom, floodTo);
    const afterFlood = widestGap(heights, floodTo, end);
    const window = ledger.reports('w1').filter((r) => r.outcome === 'applied' && r.height !== null && r.height >= floodFrom && r.height <= end);
    const slowest = Math.max(...window.map((r) => r.latency.toInclusionMs ?? 0));
    note(`applied txs: ${window.length} in blocks ${floodFrom}..${end}; widest gap between applied txs: calm ${calm} blocks, during the flood ${during}, after ${afterFlood}; slowest intent to inclusion ${slowest} ms`);
    expect(during).toBeLessThanOrEqual(Math.max(2, calm));
    expect(afterFlood).toBeLessThanOrEqual(Math.max(2, calm));
    const floodTally = ledger.tally('w1');
    expect(floodTally.counts.failed ?? 0).toBe(0);

    // every intent publish was accepted during the flood: the strategy never failed one for lack of storage
    const logsBeforeRestart = stack.logs();
    expect(logsBeforeRestart).not.toMatch(/intent \S+ not published/);
    expect(logsBeforeRestart).not.toMatch(/insufficient storage|maximum bytes exceeded/i);

    // a NATS restart: what the executor reports meanwhile waits in its outbox and reaches the stream
    const restartAt = Date.now();
    await stack.servers.nats.restart();
    await eventually(() => ledger.reports('w1').some((r) => r.outcome === 'applied' && r.ts > restartAt), 120_000, 'an applied tx after the NATS restart', 250);
    note(`trading again ${Date.now() - restartAt} ms after the NATS restart`);
    await stack.waitBlocks(5);
    const settled = await settle(stack, ['quoter'], 60_000).catch(() => ({ pausedAt: Date.now(), ledger }));
    // only the reports kept in the stream count: every intent planned before the pause has its final one there
    const inStream = await finalReportsInStream(nc, 'w1');
    const unreported = ledger.intents('w1').filter((i) => i.ts < settled.pausedAt && !inStream.has(i.id));
    const held = (stack.logs().match(/outbox exec: publish failed/g) ?? []).length;
    const dropped = await scrape(stack, 'mirrorbook_outbox_dropped_total');
    note(`after the restart: intents ${JSON.stringify(ledger.tally('w1', settled.pausedAt))}, ${inStream.size} with a final report in EXEC; outbox outages logged ${held}; dropped ${JSON.stringify(dropped)}; unreported ${unreported.map((i) => i.id).join(',') || 'none'}`);
    expect(unreported.map((i) => i.id)).toEqual([]);
    expect(Object.values(dropped).reduce((a, b) => a + b, 0)).toBe(0);
    expect(stack.logs()).not.toMatch(/(execution report|order event) .* not published/);
  }, 900_000);

  it('never shows the wallet key: not in a log line, a NATS message of the run or a Redis value', async () => {
    const leaks = await keyLeaks(stack);
    note(`key check (store full): ${JSON.stringify(leaks)}`);
    expect(leaks).toMatchObject({ logs: 0, nats: 0, redis: 0 });
    expect(leaks.messages).toBeGreaterThan(1000);
    expect(leaks.redisKeys).toBeGreaterThan(5);
  });
});

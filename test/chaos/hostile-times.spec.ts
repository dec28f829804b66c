import { connect, type NatsConnection } from 'nats';
import { bookSnapshotSchema, priceTickSchema, redisKeys, timeSanity, type BatchIntent, type PriceTick } from '@mirrorbook/contracts';
import { bytes, eventually } from '@mirrorbook/testing';
import type { Stack } from '@mirrorbook/testing/stack';
import { botBook, calmPrice, IntentLedger, note, startScenario } from '../e2e/support/e2e.fixture';
import { orderEvents, scrape } from './support/chaos.fixture';

const MARKET = 'inj-usdt';
const DAY_MS = 86_400_000;

/** An intent of bot `quoter` on wallet w1 creating one far-off buy with client order id `cid`. */
function hostileIntent(id: string, cid: string, over: { bookSeq?: number; ts?: number; deadline?: number } = {}): BatchIntent {
  const ts = over.ts ?? Date.now();
  return {
    v: 1,
    id,
    wallet: 'w1',
    bot: 'quoter',
    ts,
    deadline: over.deadline ?? ts + 3000,
    plans: [
      {
        market: MARKET,
        phase: 'MAINTENANCE',
        basedOn: { bookSeq: over.bookSeq ?? 1, priceSeq: 1, referencePrice: '25' },
        actions: [{ type: 'create', side: 'buy', price: '24', quantity: '1', postOnly: true, reduceOnly: false, cid }],
      },
    ],
  };
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const invalid = (stack: Stack, family: string, reason: string) => scrape(stack, 'mirrorbook_invalid_messages_total', { family, reason }).then(sum);

describe('chaos: timestamps and sequences from the future', () => {
  let stack: Stack;
  let nc: NatsConnection;

  beforeAll(async () => {
    stack = await startScenario({
      markets: [MARKET],
      bots: [{ id: 'quoter', wallet: 'w1', markets: [MARKET] }],
      sim: { exchange: { pairs: { [MARKET]: { price: calmPrice('25') } } } },
    });
    await eventually(async () => (await botBook(stack, 'w1', MARKET)).orders >= 27, 60_000, `a ${MARKET} book`);
    nc = await connect({ servers: stack.servers.nats.url, name: 'hostile-times' });
  }, 240_000);
  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  it('refuses an intent with bookSeq 2^53 − 1 (counted, reported rejected, never sent), and genuine intents apply within 2 blocks', async () => {
    const ledger = new IntentLedger(stack.bus);
    const before = await invalid(stack, 'intent', 'book-seq-ahead');
    await nc.jetstream().publish('intent.w1', bytes(hostileIntent('hostile-seq', 'hostile-seq', { bookSeq: Number.MAX_SAFE_INTEGER })));
    await eventually(() => ledger.reports('w1').some((r) => r.intentIds.includes('hostile-seq')), 30_000, 'the report of the hostile intent');
    const refused = ledger.reports('w1').find((r) => r.intentIds.includes('hostile-seq'))!;
    const refusedAt = await stack.height();
    expect(refused).toMatchObject({ outcome: 'rejected', txHash: null, error: expect.stringContaining(`bookSeq ${Number.MAX_SAFE_INTEGER} is ahead of the newest book`) });
    expect(await invalid(stack, 'intent', 'book-seq-ahead')).toBe(before + 1);
    await eventually(() => ledger.reports('w1').some((r) => r.outcome === 'applied' && r.ts > refused.ts), 30_000, 'a genuine intent applied after the refusal');
    const applied = ledger.reports('w1').find((r) => r.outcome === 'applied' && r.ts > refused.ts)!;
    note(`bookSeq 2^53 − 1 refused at height ${refusedAt}; next genuine tx applied at ${applied.height}`);
    expect(applied.height!).toBeLessThanOrEqual(refusedAt + 2);
    expect(orderEvents(stack).filter((e) => e.cid === 'hostile-seq')).toEqual([]);
  }, 120_000);

  it('refuses intents planned a day ahead or with a 10-minute deadline before any tx, and counts them', async () => {
    const before = { future: await invalid(stack, 'intent', 'future-ts'), ttl: await invalid(stack, 'intent', 'ttl-too-long') };
    const now = Date.now();
    await nc.jetstream().publish('intent.w1', bytes(hostileIntent('hostile-future', 'hostile-future', { ts: now + DAY_MS })));
    await nc.jetstream().publish('intent.w1', bytes(hostileIntent('hostile-ttl', 'hostile-ttl', { ts: now, deadline: now + 600_000 })));
    await eventually(
      async () => (await invalid(stack, 'intent', 'future-ts')) === before.future + 1 && (await invalid(stack, 'intent', 'ttl-too-long')) === before.ttl + 1,
      30_000,
      'both intents counted invalid by the executor',
    );
    await stack.waitBlocks(3);
    const ledger = new IntentLedger(stack.bus);
    // each reported rejected with the time rule's reason (so the strategy need not wait for it), no tx
    const refused = ledger.reports('w1').filter((r) => r.intentIds.some((id) => id.startsWith('hostile-') && id !== 'hostile-seq'));
    expect(refused.map((r) => ({ ids: r.intentIds, outcome: r.outcome, txHash: r.txHash })).sort((a, b) => a.ids[0].localeCompare(b.ids[0]))).toEqual([
      { ids: ['hostile-future'], outcome: 'rejected', txHash: null },
      { ids: ['hostile-ttl'], outcome: 'rejected', txHash: null },
    ]);
    expect(refused.find((r) => r.intentIds[0] === 'hostile-future')!.error).toMatch(/^refused: ts \d+ is \d+ ms ahead of the clock \(tolerance 5000 ms\)/);
    expect(refused.find((r) => r.intentIds[0] === 'hostile-ttl')!.error).toMatch(/^refused: deadline is 600000 ms after ts/);
    expect(orderEvents(stack).filter((e) => e.cid === 'hostile-future' || e.cid === 'hostile-ttl')).toEqual([]);
    expect((await stack.openOrders('w1', MARKET)).filter((o) => o.cid?.startsWith('hostile-'))).toEqual([]);
  }, 120_000);

  it('counts a forged md.book with seq 2^53 − 1 invalid in the strategy, which keeps planning from the genuine books', async () => {
    const ledger = new IntentLedger(stack.bus);
    const raw = await stack.redis.get(redisKeys.latestBook(MARKET));
    const genuine = bookSnapshotSchema.parse(JSON.parse(raw!));
    const sentAt = Date.now();
    nc.publish(`md.book.${genuine.net}.${MARKET}`, bytes({ ...genuine, ts: sentAt, seq: Number.MAX_SAFE_INTEGER }));
    await nc.flush();
    await eventually(async () => (await scrape(stack, 'mirrorbook_invalid_messages_total', { family: 'mdBook', reason: 'future-seq' })).strategy! >= 1, 10_000, 'the strategy counting the forged book');
    await eventually(() => ledger.reports('w1').some((r) => r.outcome === 'applied' && r.ts > sentAt), 30_000, 'a genuine intent applied after the forged book');
    expect(ledger.intents('w1').filter((i) => i.ts > sentAt && i.plans.some((p) => p.basedOn.bookSeq === Number.MAX_SAFE_INTEGER))).toEqual([]);
  }, 120_000);

  it('counts a forged md.price from the future invalid, and the gateway shows the genuine mid within 2 polls', async () => {
    const before = { gateway: await invalid(stack, 'mdPrice', 'future-ts') };
    const genuine = await latestReference(stack);
    const forged: PriceTick = { ...genuine, mid: '1000', bid: '999', ask: '1001', ts: Date.now() + DAY_MS, seq: genuine.seq + 1 };
    nc.publish(`md.price.${genuine.net}.${MARKET}`, bytes(forged));
    await nc.flush();
    const sentAt = await stack.height();
    // the feed polls once a block here
    await stack.waitBlocks(2);
    const { body } = await stack.gateway('GET', '/api/markets');
    const reference = (body as { key: string; reference: { mid: string; ts: number } | null }[]).find((m) => m.key === MARKET)!.reference!;
    note(`forged md.price at height ${sentAt}; the gateway shows mid ${reference.mid} (ts ${reference.ts})`);
    expect(reference.mid).not.toBe('1000');
    expect(Math.abs(Number(reference.mid) - 25)).toBeLessThan(1);
    expect(reference.ts).toBeLessThanOrEqual(Date.now() + timeSanity.maxClockSkewMs);
    // every process that takes md.price counted it: gateway and strategy
    const counted = await scrape(stack, 'mirrorbook_invalid_messages_total', { family: 'mdPrice', reason: 'future-ts' });
    expect(sum(counted)).toBeGreaterThanOrEqual(before.gateway + 2);
    expect(counted.gateway).toBeGreaterThanOrEqual(1);
  }, 120_000);
});

/** The newest reference tick of MARKET the feed published (its copy in `md:price:reference:<mk>`). */
async function latestReference(stack: Stack): Promise<PriceTick> {
  let latest: PriceTick | undefined;
  await eventually(async () => {
    const raw = await stack.redis.get(redisKeys.latestPrice('reference', MARKET));
    latest = raw === null ? undefined : priceTickSchema.parse(JSON.parse(raw));
    return latest !== undefined;
  }, 10_000, 'a reference tick in Redis');
  return latest!;
}

import type { BatchIntent, CreateOrderAction, ExecutionReport } from '@mirrorbook/contracts';
import { Dec } from '@mirrorbook/market';
import { eventually } from '@mirrorbook/testing';
import { ExecutorHarness, type TestWallet } from '@mirrorbook/testing/stack';
import { note } from '../e2e/support/e2e.fixture';
import { harnessKeyLeaks } from './support/chaos.fixture';

// Two intents a strategy could send by mistake, on `intent.<wallet>` (JetStream) as it sends them,
// against one executor at its default limits (EXEC_MAX_ACTIONS_PER_INTENT = EXEC_MAX_ORDERS_PER_TX
// = 150): a plan of 400 creates, and intents stamped by a strategy whose clock runs ahead. The
// strategy's clock is not skewed in its process (a clock offset honoured only under NETWORK=sim
// would be a code path production never runs): the intents are stamped as its intent builder
// stamps them (ts = its clock, deadline = ts + intentTtlMs) by a clock the given ms ahead.
const MARKET = 'inj-usdt';
const TTL_MS = 5000;

/** `buildIntent`'s times for a planning clock `aheadMs` ahead of this host's. */
function stampedAhead(intent: BatchIntent, aheadMs: number): BatchIntent {
  const ts = Date.now() + aheadMs;
  return { ...intent, ts, deadline: ts + TTL_MS };
}

/** Sum of a metric's samples whose labels include every `labels` pair. */
function sample(metrics: string, name: string, labels: Record<string, string> = {}): number {
  return metrics
    .split('\n')
    .filter((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

describe('chaos: an oversized intent and a strategy clock ahead', () => {
  let h: ExecutorHarness;
  let wallet: TestWallet;
  let executor: ReturnType<ExecutorHarness['startExecutor']>;

  beforeAll(async () => {
    h = await ExecutorHarness.start({ blockMs: 200 });
    [wallet] = h.wallets;
    await h.setReference(MARKET, '10');
    executor = h.startExecutor(wallet!);
    await h.tookOver(executor);
  }, 120_000);
  afterAll(async () => h?.stop());

  /** `count` post-only buys from 9.000 up by one tick (0.001), inside the ±10 % band around 10. */
  const buys = (count: number): CreateOrderAction[] =>
    Array.from({ length: count }, (_, i) => ({ type: 'create', side: 'buy', price: new Dec('9').add(new Dec('0.001').mul(i)).toFixed(3), quantity: '1', postOnly: true, reduceOnly: false, cid: h.cid('b') }));

  async function finalReport(intent: BatchIntent): Promise<ExecutionReport> {
    await h.publishIntent(intent);
    return eventually(() => h.finalOutcomes().get(intent.id), 30_000, `the report of ${intent.id}`);
  }

  it('rejects a 400-create intent whole with a report, signs nothing, and the breaker stays closed; 150 creates land in one tx without running out of gas', async () => {
    const before = { accepted: (await h.simState()).txsAccepted as number, metrics: await h.metrics(executor) };
    const oversized = h.intent(wallet, [{ market: MARKET, bookSeq: Date.now(), actions: buys(400) }], TTL_MS);
    const refused = await finalReport(oversized);
    expect(refused).toMatchObject({ outcome: 'rejected', txHash: null, code: null, error: 'intent carries 400 creates and cancels, above the per-intent limit 150' });
    expect(refused.failed).toHaveLength(400);
    expect((await h.simState()).txsAccepted).toBe(before.accepted);

    const full = await finalReport(h.intent(wallet, [{ market: MARKET, bookSeq: Date.now(), actions: buys(150) }], TTL_MS));
    const after = await h.metrics(executor);
    const counts = {
      breakerTrips: sample(after, 'mirrorbook_executor_breaker_trips_total') - sample(before.metrics, 'mirrorbook_executor_breaker_trips_total'),
      failedTxs: sample(after, 'mirrorbook_executor_txs_included_total', { result: 'failed' }),
      outOfGas: h.reports.filter((r) => r.code === 11).length,
      txsAccepted: ((await h.simState()).txsAccepted as number) - before.accepted,
    };
    note(`400 creates: ${refused.outcome} (${refused.error}); 150 creates: ${full.outcome} in tx ${full.txHash?.slice(0, 10)} at height ${full.height}, ${full.createdOrderHashes.length} orders; ${JSON.stringify(counts)}`);
    expect(full).toMatchObject({ outcome: 'applied', code: 0, failed: [] });
    expect(full.createdOrderHashes).toHaveLength(150);
    expect(counts).toEqual({ breakerTrips: 0, failedTxs: 0, outOfGas: 0, txsAccepted: 1 });
  }, 120_000);

  it('applies intents stamped 5 s ahead (the tolerance) and refuses those stamped 10 s and 60 s ahead as future-ts, counted, reported rejected with the reason and never sent', async () => {
    const invalidFutureTs = async () => sample(await h.metrics(executor), 'mirrorbook_invalid_messages_total', { family: 'intent', reason: 'future-ts' });
    const before = { refused: await invalidFutureTs(), accepted: (await h.simState()).txsAccepted as number };
    const atTolerance = await finalReport(stampedAhead(h.intent(wallet, [{ market: MARKET, bookSeq: Date.now(), actions: buys(1) }], TTL_MS), 5_000));
    expect(atTolerance).toMatchObject({ outcome: 'applied', failed: [] });

    const beyond = [10_000, 60_000].map((ahead) => stampedAhead(h.intent(wallet, [{ market: MARKET, bookSeq: Date.now(), actions: buys(1) }], TTL_MS), ahead));
    for (const intent of beyond) await h.publishIntent(intent);
    await eventually(async () => (await invalidFutureTs()) === before.refused + 2, 30_000, 'both intents counted future-ts', 200);
    // an intent published after them (the queue is in order) is applied: the clock ahead does not stop trading
    const after = await finalReport(h.intent(wallet, [{ market: MARKET, bookSeq: Date.now(), actions: buys(1) }], TTL_MS));
    expect(after.outcome).toBe('applied');
    const aheadMs = [...executor.logs().matchAll(/ts \d+ is (\d+) ms ahead of the clock \(tolerance 5000 ms\)/g)].map((m) => Number(m[1]));
    const ids = new Set(beyond.map((i) => i.id));
    const cids = new Set(beyond.flatMap((i) => i.plans.flatMap((p) => p.actions.map((a) => (a.type === 'create' ? a.cid : '')))));
    note(`clock ahead: +5 s applied at height ${atTolerance.height}; +10 s and +60 s refused future-ts, measured ${aheadMs.join(' / ')} ms ahead at the executor; txs accepted ${((await h.simState()).txsAccepted as number) - before.accepted}`);
    expect(await invalidFutureTs()).toBe(before.refused + 2);
    expect(aheadMs.filter((ms) => ms > 5000)).toHaveLength(2);
    // each reported rejected with the reason, never sent
    const refused = h.reports.filter((r) => r.intentIds.some((id) => ids.has(id)));
    expect(refused.map((r) => ({ outcome: r.outcome, txHash: r.txHash }))).toEqual([
      { outcome: 'rejected', txHash: null },
      { outcome: 'rejected', txHash: null },
    ]);
    expect(refused.every((r) => /^refused: ts \d+ is \d+ ms ahead of the clock \(tolerance 5000 ms\)/.test(r.error ?? ''))).toBe(true);
    expect(h.events.filter((e) => e.cid !== null && cids.has(e.cid))).toEqual([]);
    expect((await h.simState()).txsAccepted).toBe(before.accepted + 2);
  }, 120_000);

  it('never shows the private key: not in any log line, NATS message or Redis value', async () => {
    const leaks = await harnessKeyLeaks(h);
    note(`key check (intent bounds): ${JSON.stringify(leaks)}`);
    expect(h.executorLogs().length).toBeGreaterThan(1000);
    expect(leaks).toMatchObject({ logs: 0, nats: 0, redis: 0 });
  });
});

import type { CreateOrderAction, ExecutionReport } from '@mirrorbook/contracts';
import { eventually } from '@mirrorbook/testing';
import { ExecutorHarness, type TestWallet } from '@mirrorbook/testing/stack';
import { note } from '../e2e/support/e2e.fixture';
import { harnessKeyLeaks } from './support/chaos.fixture';

// A node that answers the open-orders queries from LAG blocks back (a load-balanced public LCD whose
// backend lags; the sim's `staleOpenOrdersBlocks`): orders the executor created since are missing
// from its answers. Reconciliation must not act on such a read: no order reported filled or closed,
// none dropped from Redis, and, once the node caught up, none cancelled as an orphan.
const MARKET = 'inj-usdt';
const LAG = 1_000;
/** reconciliation passes the node lags through, counted by the executor's stale reads */
const PASSES = 3;
/** markets of the harness bot: every pass reads each */
const MARKETS_PER_PASS = 3;
/** reads of one market in a pass whose reads are all stale (the first and `staleReadRetries`, 2) */
const STALE_READS_PER_MARKET = 3;

describe('chaos: a lagging node answers the open orders', () => {
  let h: ExecutorHarness;
  let wallet: TestWallet;
  let executor: ReturnType<ExecutorHarness['startExecutor']>;

  beforeAll(async () => {
    h = await ExecutorHarness.start({ blockMs: 200 });
    [wallet] = h.wallets;
    await h.setReference(MARKET, '10');
    executor = h.startExecutor(wallet!, { EXEC_RECONCILE_INTERVAL_MS: '500', EXEC_ORPHAN_POLICY: 'cancel' });
    await h.tookOver(executor);
  }, 120_000);
  afterAll(async () => h?.stop());

  const create = (price: string): CreateOrderAction => ({ type: 'create', side: 'buy', price, quantity: '1', postOnly: true, reduceOnly: false, cid: h.cid('lag') });
  const reads = async (result: 'current' | 'stale') =>
    (await h.metrics(executor))
      .split('\n')
      .filter((l) => l.startsWith('mirrorbook_executor_reconcile_reads_total{') && l.includes(`result="${result}"`))
      .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);

  async function applied(actions: CreateOrderAction[]): Promise<ExecutionReport> {
    const intent = h.intent(wallet, [{ market: MARKET, bookSeq: Date.now(), actions }]);
    await h.publishIntent(intent);
    const report = await eventually(() => h.finalOutcomes().get(intent.id), 20_000, `the report of ${intent.id}`);
    expect(report).toMatchObject({ outcome: 'applied', failed: [] });
    return report;
  }

  it('reports no order filled or closed and cancels none for orders created after the height the node answers at', async () => {
    const before = await applied([create('9.500')]);
    await h.admin('faults', { staleOpenOrdersBlocks: LAG });
    const during = await applied([create('9.400'), create('9.300')]);
    const ours = new Set([...before.createdOrderHashes, ...during.createdOrderHashes].map((x) => x.toLowerCase()));
    const stale0 = await reads('stale');
    await eventually(async () => (await reads('stale')) >= stale0 + PASSES * MARKETS_PER_PASS * STALE_READS_PER_MARKET, 60_000, `${PASSES} reconciliation passes against the lagging node`, 200);
    const stored = new Set((await h.storedOrders(wallet, MARKET)).map((o) => o.orderHash.toLowerCase()));

    await h.admin('faults', { reset: true });
    const current0 = await reads('current');
    // two passes at the current height: enough for a drop to have acted (an adopted order takes two), had anything been missing
    await eventually(async () => (await reads('current')) >= current0 + 2 * MARKETS_PER_PASS, 60_000, 'two reconciliation passes once the node caught up', 200);

    const touched = h.events.filter((e) => e.orderHash && ours.has(e.orderHash.toLowerCase()) && e.kind !== 'created');
    const reconcileReports = h.reports.filter((r) => r.intentIds.some((id) => id.startsWith('reconcile-')));
    const onChain = new Set((await h.chainOrders(wallet, MARKET)).map((o) => o.orderHash.toLowerCase()));
    note(
      `lagging node (${LAG} blocks behind): orders at heights ${before.height} and ${during.height}; stale reads ${(await reads('stale')) - stale0}, ` +
        `then current reads ${(await reads('current')) - current0}; events other than created for them ${touched.length}; reconcile cancel reports ${reconcileReports.length}; ` +
        `stored during the lag ${[...ours].filter((x) => stored.has(x)).length}/${ours.size}; on chain after ${[...ours].filter((x) => onChain.has(x)).length}/${ours.size}`,
    );
    expect(touched).toEqual([]);
    expect(reconcileReports).toEqual([]);
    expect([...ours].filter((x) => !stored.has(x))).toEqual([]);
    expect([...ours].filter((x) => !onChain.has(x))).toEqual([]);
    expect(executor.logs()).toContain(`reconciliation of ${MARKET} skipped: the node answered at height`);
  }, 180_000);

  it('never shows the private key: not in any log line, NATS message or Redis value', async () => {
    const leaks = await harnessKeyLeaks(h);
    note(`key check (lagging node): ${JSON.stringify(leaks)}`);
    expect(h.executorLogs().length).toBeGreaterThan(1000);
    expect(leaks).toMatchObject({ logs: 0, nats: 0, redis: 0 });
  });
});

import type { CreateOrderAction, OrderAction } from '@mirrorbook/contracts';
import type { ManagedProcess } from '@mirrorbook/testing';
import { ExecutorHarness, MARKETS, type MarketKey } from './executor.harness';

const LEASE_TTL_MS = 1500;
const RENEW_MS = LEASE_TTL_MS / 3;
const markets = Object.keys(MARKETS) as MarketKey[];

describe('executor: two processes for one wallet', () => {
  let h: ExecutorHarness;
  let a: ManagedProcess;
  let b: ManagedProcess;
  const env = { EXEC_LEASE_TTL_MS: String(LEASE_TTL_MS), EXEC_ORPHAN_POLICY: 'adopt', EXEC_RECONCILE_INTERVAL_MS: '60000' };

  beforeAll(async () => {
    h = await ExecutorHarness.start({ blockMs: 100 });
    for (const market of markets) await h.setReference(market, '10');
  }, 120_000);
  afterAll(async () => h?.stop());

  const create = (price: string, side: 'buy' | 'sell' = 'buy'): CreateOrderAction => ({
    type: 'create', side, price, quantity: '1', postOnly: true, reduceOnly: false, cid: h.cid('f'),
  });

  async function outcomeOf(intentId: string) {
    return h.eventually(() => h.finalOutcomes().get(intentId), 20_000, `a report for ${intentId}`);
  }

  it('lets exactly one broadcast, 200 batches in a row without a sequence error', async () => {
    const [wallet] = h.wallets;
    a = h.startExecutor(wallet, env, 'exec-a');
    await h.tookOver(a);
    b = h.startExecutor(wallet, env, 'exec-b');
    await b.waitForOutput(/waiting for the lease/, 60_000);

    const resting = new Map<MarketKey, string>();
    let bookSeq = 0;
    for (let i = 0; i < 200; i++) {
      const market = markets[i % markets.length];
      const previous = resting.get(market);
      const actions: OrderAction[] = [create((9.5 - (i % 7) * 0.01).toFixed(3))];
      if (previous) actions.unshift({ type: 'cancel', orderHash: previous });
      const intent = h.intent(wallet, [{ market, bookSeq: ++bookSeq, actions, phase: 'MAINTENANCE' }], 10_000);
      await h.publishIntent(intent);
      const report = await outcomeOf(intent.id);
      expect({ i, outcome: report.outcome, error: report.error }).toEqual({ i, outcome: 'applied', error: null });
      resting.set(market, report.createdOrderHashes[0]);
    }

    expect(b.logs()).not.toMatch(/took over wallet/);
    const [metricsA, metricsB] = await Promise.all([h.metrics(a), h.metrics(b)]);
    expect(ExecutorHarness.counter(metricsA, 'mirrorbook_executor_txs_broadcast_total')).toBeGreaterThanOrEqual(200);
    expect(ExecutorHarness.counter(metricsA, 'mirrorbook_executor_sequence_mismatches_total')).toBe(0);
    expect(ExecutorHarness.counter(metricsB, 'mirrorbook_executor_txs_broadcast_total')).toBe(0);
    expect(await h.simState()).toMatchObject({ txsRejected: 0 });
  }, 180_000);

  it('hands over to the standby within TTL + renew when the active one is killed mid-broadcast, losing and duplicating nothing', async () => {
    const [wallet] = h.wallets;
    await h.admin('faults', { stuckMempoolBlocks: 5 });
    const inFlight = h.intent(wallet, [{ market: 'inj-usdt', bookSeq: 10_000, actions: [create('9.100'), create('10.900', 'sell')] }], 10_000);
    await h.publishIntent(inFlight);
    await h.eventually(async () => ((await h.simState()).mempoolSize as number) > 0, 10_000, 'the tx in the mempool');
    const killedAt = Date.now();
    await a.stop('SIGKILL');

    const [line] = await b.waitForOutput(/\{[^\n]*lease acquired[^\n]*\}/, 10_000);
    const acquiredAt = Date.parse((JSON.parse(line) as { time: string }).time);
    expect(acquiredAt - killedAt).toBeLessThanOrEqual(LEASE_TTL_MS + RENEW_MS + 100);
    await h.tookOver(b);

    const after = h.intent(wallet, [{ market: 'atom-usdt', bookSeq: 10_001, actions: [create('9.200')] }], 10_000);
    await h.publishIntent(after);
    expect((await outcomeOf(after.id)).outcome).toBe('applied');

    const cids = inFlight.plans[0].actions.map((x) => (x.type === 'create' ? x.cid : ''));
    for (const market of markets) {
      const onChain = await h.chainOrders(wallet, market);
      const stored = await h.storedOrders(wallet, market);
      const chainCids = onChain.map((o) => o.cid);
      expect(new Set(chainCids).size).toBe(chainCids.length);
      expect(stored.map((o) => o.orderHash).sort()).toEqual(onChain.map((o) => o.orderHash).sort());
      if (market === 'inj-usdt') for (const cid of cids) expect(chainCids.filter((c) => c === cid)).toHaveLength(1);
    }
    const metricsB = await h.metrics(b);
    expect(ExecutorHarness.counter(metricsB, 'mirrorbook_executor_sequence_mismatches_total')).toBe(0);
  }, 120_000);

  it('stops broadcasting the moment its lease is taken, and takes over again when it frees', async () => {
    const [wallet] = h.wallets;
    await h.redis.set(`lease:executor:${wallet.id}`, 'intruder', 'PX', 60_000);
    await b.waitForOutput(/lease for wallet tw1 lost/, 5000);
    const accepted = (await h.simState()).txsAccepted;
    const waiting = h.intent(wallet, [{ market: 'inj-usdt-perp', bookSeq: 20_000, actions: [create('9.300')] }], 30_000);
    await h.publishIntent(waiting);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await h.simState()).txsAccepted).toBe(accepted);
    expect(h.finalOutcomes().get(waiting.id)).toBeUndefined();

    await h.redis.del(`lease:executor:${wallet.id}`);
    expect((await outcomeOf(waiting.id)).outcome).toBe('applied');
  }, 60_000);
});

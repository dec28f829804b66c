import type { CreateOrderAction, Heartbeat, OrderAction } from '@mirrorbook/contracts';
import { eventually, type ManagedProcess } from '@mirrorbook/testing';
import { ExecutorHarness, MARKETS, type MarketKey, type TestWallet } from '@mirrorbook/testing/stack';

const markets = Object.keys(MARKETS) as MarketKey[];
const PER_MARKET = 40;

describe('executor: sim faults', () => {
  let h: ExecutorHarness;
  let wallet: TestWallet;
  let executor: ManagedProcess;

  beforeAll(async () => {
    h = await ExecutorHarness.start({ blockMs: 300 });
    [wallet] = h.wallets;
    for (const market of markets) await h.setReference(market, '10');
    executor = h.startExecutor(wallet, {
      EXEC_TX_TIMEOUT_BLOCKS: '6',
      EXEC_BREAKER_FAILURES: '3',
      EXEC_BREAKER_COOLDOWN_MS: '2000',
      EXEC_BREAKER_MAX_COOLDOWN_MS: '8000',
      // the references are written once, above, and nothing refreshes them: with the default 120 s a
      // slow run (beforeAll and the first test past 120 s under load) had every later intent
      // rejected by the pre-trade check as "reference price … is stale", so no tx was ever sent and
      // the breaker could not trip. Staleness has its own tests (pre-trade.checker.spec.ts).
      EXEC_REFERENCE_MAX_AGE_MS: String(24 * 3600_000),
    });
    await h.tookOver(executor);
  }, 120_000);
  afterAll(async () => h?.stop());

  const create = (price: string): CreateOrderAction => ({ type: 'create', side: 'buy', price, quantity: '1', postOnly: true, reduceOnly: false, cid: h.cid('x') });
  let bookSeq = 0;

  /** One market's closed loop: each intent cancels the previous order and places a new one. */
  async function drive(market: MarketKey, count: number, ttlMs: number): Promise<string[]> {
    const ids: string[] = [];
    let resting: string | undefined;
    for (let i = 0; i < count; i++) {
      const actions: OrderAction[] = [create((9.5 + (i % 9) * 0.01).toFixed(3))];
      if (resting) actions.unshift({ type: 'cancel', orderHash: resting });
      const intent = h.intent(wallet, [{ market, bookSeq: ++bookSeq, actions, phase: 'MAINTENANCE' }], ttlMs);
      ids.push(intent.id);
      await h.publishIntent(intent);
      const report = await eventually(() => h.finalOutcomes().get(intent.id), 90_000, `a report for ${intent.id}`);
      if (report.outcome === 'applied' && report.createdOrderHashes.length > 0) resting = report.createdOrderHashes[0];
    }
    return ids;
  }

  it('applies at least 99 % of the intents that did not expire under 5xx, dropped broadcasts, stuck mempools and sequence drift', async () => {
    await h.admin('faults', { http5xxRate: 0.1, dropBroadcastRate: 0.1 });
    let chaos = true;
    const chaosLoop = (async () => {
      for (let round = 0; chaos; round++) {
        await new Promise((r) => setTimeout(r, 1500));
        if (!chaos) break;
        if (round % 2 === 0) await h.admin('faults', { stuckMempoolBlocks: 3 });
        else await h.admin('faults', { sequenceDrift: [{ address: wallet.address, by: 1 }] });
      }
    })();
    const ids = (await Promise.all(markets.map((m) => drive(m, PER_MARKET, 3000)))).flat();
    chaos = false;
    await chaosLoop;
    await h.admin('faults', { reset: true });

    const outcomes = h.finalOutcomes();
    const finals = ids.map((id) => outcomes.get(id)!.outcome);
    const counts = finals.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});
    const notExpired = finals.filter((o) => o !== 'expired');
    const appliedShare = notExpired.filter((o) => o === 'applied').length / notExpired.length;
    process.stdout.write(`faults run: ${JSON.stringify(counts)}, applied ${(appliedShare * 100).toFixed(1)} % of ${notExpired.length} not expired; sim ${JSON.stringify(await h.simState())}\n`);
    expect(finals).toHaveLength(markets.length * PER_MARKET);
    expect(appliedShare).toBeGreaterThanOrEqual(0.99);
    expect(executor.running).toBe(true);
    expect(executor.logs()).not.toMatch(/uncaught exception|unhandled rejection/);
  }, 300_000);

  it('trips the breaker when every broadcast is lost, says so in its heartbeat, and resumes by itself', async () => {
    const states = () =>
      h.allMessages
        .filter((m) => m.subject.startsWith('svc.heartbeat.executor.'))
        .map((m) => (JSON.parse(m.data) as Heartbeat).state);
    const seenBefore = states().length;
    const paused = () => states().slice(seenBefore).includes('paused');
    await h.admin('faults', { dropBroadcastRate: 1 });
    // one intent after the other until the executor says it paused (each is tried, every broadcast
    // lost, until the breaker trips): what ended each one is kept for the failure message, and an
    // intent that never reached a broadcast (rejected) can never trip the breaker, so it ends the wait
    const sent: { id: string; outcome?: string; error?: string | null }[] = [];
    let failure: Error | undefined;
    let gaveUp = false;
    const during = (async () => {
      while (!paused() && !gaveUp) {
        const intent = h.intent(wallet, [{ market: 'inj-usdt', bookSeq: ++bookSeq, actions: [create('9.400')] }], 60_000);
        const entry: (typeof sent)[number] = { id: intent.id };
        sent.push(entry);
        await h.publishIntent(intent);
        const report = await eventually(() => h.finalOutcomes().get(intent.id), 90_000, `a report for ${intent.id}`);
        Object.assign(entry, { outcome: report.outcome, error: report.error });
        if (report.outcome === 'rejected') throw new Error(`intent ${intent.id} was rejected before any broadcast, so it cannot trip the breaker: ${report.error}`);
      }
    })().catch((error: Error) => {
      failure = error;
    });
    const why = (error: Error) =>
      new Error(`${error.message}; intents sent: ${JSON.stringify(sent)}; heartbeat states since: ${JSON.stringify(states().slice(seenBefore))}; executor log tail:\n${executor.logs().slice(-4000)}`);
    await eventually(() => paused() || failure !== undefined, 120_000, 'a paused heartbeat').catch((error: Error) => {
      gaveUp = true;
      throw why(error);
    });
    if (!paused()) throw why(failure!);
    await h.admin('faults', { reset: true });
    await during;
    if (failure) throw why(failure);
    const probe = h.intent(wallet, [{ market: 'atom-usdt', bookSeq: ++bookSeq, actions: [create('9.300')] }], 60_000);
    await h.publishIntent(probe);
    const final = await eventually(() => h.finalOutcomes().get(probe.id), 60_000, 'a report for the probe');
    const probeReports = h.reports.filter((r) => r.intentIds.includes(probe.id));
    expect({ outcome: final.outcome, reports: final.outcome === 'applied' ? [] : probeReports, log: final.outcome === 'applied' ? '' : executor.logs().slice(-3000) }).toEqual({ outcome: 'applied', reports: [], log: '' });
    expect(probeReports.find((r) => r.outcome === 'applied')?.code).toBe(0);
    await eventually(() => states().slice(seenBefore).lastIndexOf('running') > states().slice(seenBefore).indexOf('paused'), 10_000, 'a running heartbeat after the pause');
    const metrics = await h.metrics(executor);
    expect(ExecutorHarness.counter(metrics, 'mirrorbook_executor_breaker_trips_total')).toBeGreaterThanOrEqual(1);
    expect(executor.running).toBe(true);
  }, 300_000);
});

import Redis from 'ioredis';
import { redisKeys, type CreateOrderAction, type ExecutionReport } from '@mirrorbook/contracts';
import { eventually } from '@mirrorbook/testing';
import { ExecutorHarness, type TestWallet } from '@mirrorbook/testing/stack';
import type { ManagedProcess } from '@mirrorbook/testing';
import { note } from '../e2e/support/e2e.fixture';
import { harnessKeyLeaks } from './support/chaos.fixture';

// An accepted tx is never reported failed (docs/architecture.md#outcomes): not when the Redis
// writes after its acceptance fail (the executor's Redis user loses HSET: the fenced `seq:<wallet>`
// write and `orders:<wallet>:<mk>`), not when the chain stops producing blocks for longer than
// the executor's inclusion wait.
const INCLUSION_WAIT_MS = 3000;
const ADMIN = { user: 'chaos-admin', password: 'chaos-admin-password' };

describe('chaos: outcomes of accepted txs', () => {
  let h: ExecutorHarness;
  let wallet: TestWallet;
  let executor: ManagedProcess;
  let admin: Redis;

  const buy = (price: string): CreateOrderAction => ({ type: 'create', side: 'buy', price, quantity: '1', postOnly: true, reduceOnly: false, cid: h.cid('ao') });
  const reportsOf = (id: string): ExecutionReport[] => h.reports.filter((r) => r.intentIds.includes(id));
  const metric = async (name: string) => ExecutorHarness.counter(await h.metrics(executor), name);

  async function publish(action: CreateOrderAction, ttlMs = 30_000) {
    const intent = h.intent(wallet, [{ market: 'inj-usdt', bookSeq: Date.now(), actions: [action] }], ttlMs);
    await h.publishIntent(intent);
    return intent;
  }

  beforeAll(async () => {
    h = await ExecutorHarness.start({ blockMs: 300 });
    [wallet] = h.wallets;
    await h.setReference('inj-usdt', '10');
    // an admin of our own: the executor (Redis user `default` here) is the one whose rights are taken away
    await h.redis.call('ACL', 'SETUSER', ADMIN.user, 'on', `>${ADMIN.password}`, '~*', '&*', '+@all');
    const url = new URL(h.servers.redis.url);
    admin = new Redis({ host: url.hostname, port: Number(url.port), username: ADMIN.user, password: ADMIN.password });
    executor = h.startExecutor(wallet, { EXEC_RECONCILE_INTERVAL_MS: '1000', EXEC_INCLUSION_WAIT_MS: String(INCLUSION_WAIT_MS) });
    await h.tookOver(executor);
  }, 120_000);
  afterAll(async () => {
    await admin?.call('ACL', 'SETUSER', 'default', '+hset').catch(() => undefined);
    admin?.disconnect();
    await h?.stop();
  });

  it('the Redis writes after an accepted broadcast fail: reported applied with its hash, written once Redis takes them, no orphan cancel, 0 breaker failures', async () => {
    // from before the broadcast, so that the first write after acceptance (the fenced sequence write) fails, and every HSET after it
    await admin.call('ACL', 'SETUSER', 'default', '-hset');
    const first = buy('9.900');
    const intent = await publish(first);
    const report = await eventually(() => h.finalOutcomes().get(intent.id), 30_000, 'the report of the tx');
    expect(report).toMatchObject({ outcome: 'applied', code: 0, error: null, failed: [] });
    expect(report.txHash).toMatch(/^[0-9A-F]{64}$/);
    expect(report.createdOrderHashes).toHaveLength(1);
    const created = report.createdOrderHashes[0]!;
    // the writes wait in the outbox and are tried again, nothing of the tx stored yet
    await executor.waitForOutput(/seq:\S+ = \d+ failed \(attempt 2 of \d+\): .*retried from the outbox/, 30_000);
    expect((await h.storedOrders(wallet, 'inj-usdt')).map((o) => o.orderHash)).not.toContain(created);

    await admin.call('ACL', 'SETUSER', 'default', '+hset');
    const [written] = await executor.waitForOutput(/seq:\S+ = \d+ written after \d+ attempts/, 30_000);
    await eventually(async () => (await h.storedOrders(wallet, 'inj-usdt')).some((o) => o.orderHash === created), 30_000, 'the order stored');
    expect(await admin.exists(redisKeys.appliedIntent(wallet.id, intent.id))).toBe(1);

    // a canary proves a reconciliation ran after the restore: an order of ours removed from Redis is an orphan it cancels
    const canaryIntent = await publish(buy('9.800'));
    const canaryReport = await eventually(() => h.finalOutcomes().get(canaryIntent.id), 30_000, 'the canary applied');
    expect(canaryReport.outcome).toBe('applied');
    const canary = canaryReport.createdOrderHashes[0]!;
    await admin.hdel(redisKeys.orders(wallet.id, 'inj-usdt'), canary);
    const reconcile = await eventually(() => h.reports.find((r) => r.intentIds[0]!.startsWith('reconcile-') && r.cancelledOrderHashes.includes(canary)), 30_000, 'the canary cancelled by a reconciliation');
    expect(reconcile.cancelledOrderHashes).toEqual([canary]);

    const onChain = (await h.chainOrders(wallet, 'inj-usdt')).map((o) => o.orderHash);
    const measured = {
      outcomes: reportsOf(intent.id).map((r) => r.outcome),
      firstStillOnChain: onChain.includes(created),
      cancelsOfFirst: h.reports.filter((r) => r.cancelledOrderHashes.includes(created)).length,
      breakerFailures: await metric('mirrorbook_executor_breaker_failures_total'),
      outboxRetries: await metric('mirrorbook_executor_outbox_retries_total'),
      outboxDropped: await metric('mirrorbook_executor_outbox_dropped_total'),
      unknown: await metric('mirrorbook_executor_txs_unknown_total'),
    };
    note(`applied outcomes, Redis writes refused: ${JSON.stringify(measured)}; ${written}`);
    expect(measured).toMatchObject({ outcomes: ['applied'], firstStillOnChain: true, cancelsOfFirst: 0, breakerFailures: 0, outboxDropped: 0, unknown: 0 });
    expect(measured.outboxRetries).toBeGreaterThanOrEqual(2);
  }, 180_000);

  it(`no block for longer than the inclusion wait (${INCLUSION_WAIT_MS} ms): reported unknown, then applied with the same hash once blocks come; never failed, no second tx with its cids`, async () => {
    const breakerBefore = await metric('mirrorbook_executor_breaker_failures_total');
    await h.admin('faults', { haltBlocks: true });
    const before = (await h.simState()) as { txsAccepted: number; height: number };
    const stalled = buy('9.700');
    const intent = await publish(stalled);
    const unknown = await eventually(() => reportsOf(intent.id).find((r) => r.outcome === 'unknown'), 30_000, 'the unknown report');
    expect(unknown.txHash).toMatch(/^[0-9A-F]{64}$/);
    expect(unknown.error).toMatch(new RegExp(`no block after \\d+ for ${INCLUSION_WAIT_MS} ms`));
    // another intent meanwhile: it waits for the unknown tx to be settled
    const next = await publish(buy('9.600'));
    await executor.waitForOutput(new RegExp(`tx ${unknown.txHash} accepted, outcome unknown`), 5000);
    const halted = (await h.simState()) as { txsAccepted: number; height: number; mempoolSize: number };

    await h.admin('faults', { haltBlocks: false });
    const settled = await eventually(() => h.finalOutcomes().get(intent.id), 30_000, 'the settled report');
    const after = await eventually(() => h.finalOutcomes().get(next.id), 30_000, 'the next intent');
    const chain = await h.chainOrders(wallet, 'inj-usdt');
    const createdHashes = new Set(h.events.filter((e) => e.kind === 'created' && e.cid === stalled.cid).map((e) => e.orderHash));
    const measured = {
      halted: { blocks: halted.height - before.height, accepted: halted.txsAccepted - before.txsAccepted, mempool: halted.mempoolSize },
      outcomes: reportsOf(intent.id).map((r) => [r.outcome, r.txHash === unknown.txHash]),
      settledHeight: settled.height,
      next: [after.outcome, after.txHash !== unknown.txHash],
      ordersWithCid: chain.filter((o) => o.cid === stalled.cid).length,
      createdHashes: createdHashes.size,
      breakerFailures: (await metric('mirrorbook_executor_breaker_failures_total')) - breakerBefore,
      unknown: await metric('mirrorbook_executor_txs_unknown_total'),
    };
    note(`applied outcomes, halted chain: ${JSON.stringify(measured)}`);
    // while halted: the one tx accepted and waiting in the mempool, the next intent held back
    expect(measured.halted).toEqual({ blocks: 0, accepted: 1, mempool: 1 });
    expect(measured).toMatchObject({
      outcomes: [
        ['unknown', true],
        ['applied', true],
      ],
      next: ['applied', true],
      ordersWithCid: 1,
      createdHashes: 1,
      breakerFailures: 0,
      unknown: 1,
    });
    expect(settled.createdOrderHashes).toHaveLength(1);
  }, 180_000);

  it('never shows a wallet key: not in a log line, a NATS message of the run or a Redis value', async () => {
    const leaks = await harnessKeyLeaks(h, admin);
    note(`key check (applied outcomes): ${JSON.stringify(leaks)}`);
    expect(leaks).toMatchObject({ logs: 0, nats: 0, redis: 0 });
    expect(leaks.messages).toBeGreaterThan(10);
  });
});

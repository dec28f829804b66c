import type { CreateOrderAction, Heartbeat } from '@mirrorbook/contracts';
import { generatePrivateKeyHex } from '@mirrorbook/injective/signing';
import { eventually } from '@mirrorbook/testing';
import { ExecutorHarness, type MarketKey, type TestWallet } from '@mirrorbook/testing/stack';
import type { ManagedProcess } from '@mirrorbook/testing';

const EXIT_CONFIG = 78;

/** `n` post-only creates around 10, from price level `level` outwards (levels of distinct intents never cross). */
const creates = (h: ExecutorHarness, n: number, level = 1): CreateOrderAction[] =>
  Array.from({ length: n }, (_, i) => {
    const mid = 10;
    const side = i % 2 === 0 ? 'buy' : 'sell';
    const offset = (Math.floor(i / 2) + level) * 0.01;
    const price = (side === 'buy' ? mid * (1 - offset) : mid * (1 + offset)).toFixed(3);
    return { type: 'create', side, price, quantity: '1', postOnly: true, reduceOnly: false, cid: h.cid() };
  });

/**
 * One executor process signing for several wallets (EXECUTOR_WALLETS): one tenure per wallet, a
 * failure in one never stopping the others. tw1 and tw2 are healthy; tw3's bot asks a leverage the
 * perp market refuses (a configuration error found at takeover: a single-wallet executor exits 78);
 * tw4's key file holds a key whose account the chain does not know (every chain call of its tenure
 * fails).
 */
describe('executor: several wallets in one process', () => {
  let h: ExecutorHarness;
  let executor: ManagedProcess;
  let tw1: TestWallet, tw2: TestWallet, tw3: TestWallet, tw4: TestWallet;
  const instance = 'group-a';
  const market: MarketKey = 'inj-usdt';

  const heartbeats = (suffix: string) =>
    h.allMessages.filter((m) => m.subject === `svc.heartbeat.executor.${instance}${suffix}`).map((m) => JSON.parse(m.data) as Heartbeat);
  const appliedFor = (wallet: TestWallet) => h.reports.filter((r) => r.wallet === wallet.id && r.outcome === 'applied');
  const isApplied = (id: string) => h.reports.some((r) => r.outcome === 'applied' && r.intentIds.includes(id));
  const health = async () => {
    const [, port] = await executor.waitForOutput(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
    return (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
      status: string;
      state: string;
      checks: Record<string, boolean>;
      degraded: Record<string, Record<string, string>>;
    };
  };

  beforeAll(async () => {
    h = await ExecutorHarness.start({ wallets: 4, blockMs: 300, botParams: { tw3: { baseSize: '1', leverage: '100' } } });
    [tw1, tw2, tw3, tw4] = h.wallets as [TestWallet, TestWallet, TestWallet, TestWallet];
    for (const m of ['inj-usdt', 'atom-usdt', 'inj-usdt-perp'] as MarketKey[]) await h.setReference(m, '10');
    // tw4 signs with a key the chain never funded: its account does not exist
    executor = h.startExecutorGroup([tw1, tw2, tw3, { ...tw4, key: generatePrivateKeyHex() }], { EXEC_BREAKER_COOLDOWN_MS: '500' }, instance);
    await executor.waitForOutput(/took over wallet tw1/, 90_000);
    await executor.waitForOutput(/took over wallet tw2/, 90_000);
  }, 180_000);
  afterAll(async () => h?.stop());

  it('applies both healthy wallets\' intents, each signed by its own wallet, while tw3 is stopped and tw4 keeps failing', async () => {
    const intents = [tw1, tw2].map((w) => h.intent(w, [{ market, bookSeq: 1, actions: creates(h, 2) }], 60_000));
    for (const intent of intents) await h.publishIntent(intent);
    await eventually(() => intents.every((i) => isApplied(i.id)), 60_000, 'both wallets\' intents applied');

    for (const wallet of [tw1, tw2]) {
      const onChain = await h.chainOrders(wallet, market);
      expect(onChain).toHaveLength(2);
      // the Redis writes go out beside the report: wait for them
      const stored = await eventually(async () => {
        const orders = await h.storedOrders(wallet, market);
        return orders.length === 2 ? orders : undefined;
      }, 10_000, `${wallet.id}'s stored orders`);
      expect(stored.map((o) => o.orderHash).sort()).toEqual(onChain.map((o) => o.orderHash).sort());
    }
    // distinct txs, one per wallet: each wallet has its own sequence and key
    expect(new Set([...appliedFor(tw1), ...appliedFor(tw2)].map((r) => r.txHash)).size).toBe(appliedFor(tw1).length + appliedFor(tw2).length);

    await executor.waitForOutput(/wallet tw3 stopped: invalid configuration: .*leverage 100 of bot tb3/, 30_000);
    // tw4's takeover keeps failing (its account is unknown), with its own backoff, beside the others
    await eventually(() => (executor.logs().match(/takeover of wallet tw4 failed \(account \S+ not found\)/g) ?? []).length >= 2, 30_000, "two failed takeovers of tw4");
    expect(executor.running).toBe(true);
    expect(appliedFor(tw3)).toEqual([]);
    expect(appliedFor(tw4)).toEqual([]);
  }, 120_000);

  it('reports each wallet in /health, its own heartbeat and its own metrics', async () => {
    const report = await eventually(async () => {
      const r = await health();
      return r.degraded.walletStopped ? r : undefined;
    }, 30_000, '/health listing tw3 as stopped');
    expect(report.status).toBe('degraded');
    expect(report.state).toBe('running');
    expect(Object.keys(report.checks).filter((c) => c.startsWith('lease:')).sort()).toEqual(['lease:tw1', 'lease:tw2', 'lease:tw3', 'lease:tw4']);
    expect(Object.keys(report.degraded.walletStopped!)).toEqual(['tw3']);

    const tw1Beat = await eventually(() => heartbeats('-tw1').find((b) => b.state === 'running'), 10_000, 'a running heartbeat of tw1');
    expect(tw1Beat.wallet).toEqual({ id: 'tw1', address: tw1.address, subaccountId: tw1.subaccountId });
    expect(tw1Beat.details).toMatchObject({ lease: 'held' });
    const tw3Beat = await eventually(() => heartbeats('-tw3').find((b) => b.state === 'stopped'), 10_000, 'a stopped heartbeat of tw3');
    expect(tw3Beat.details).toMatchObject({ lease: 'stopped' });
    // tw4 holds its lease but never took over: a standby
    expect(heartbeats('-tw4').at(-1)).toMatchObject({ state: 'standby', details: { lease: 'held' } });
    expect(heartbeats('').at(-1)?.details).toMatchObject({ wallets: 'tw1,tw2,tw3,tw4' });

    const metrics = await h.metrics(executor);
    const broadcast = (wallet: string) => ExecutorHarness.counter(metrics.split('\n').filter((l) => l.includes(`wallet="${wallet}"`)).join('\n'), 'mirrorbook_executor_txs_broadcast_total');
    expect(broadcast('tw1')).toBe(appliedFor(tw1).length);
    expect(broadcast('tw2')).toBe(appliedFor(tw2).length);
    expect(broadcast('tw3')).toBe(0);
    expect(broadcast('tw4')).toBe(0);
    expect(metrics).toMatch(/mirrorbook_executor_lease_held\{wallet="tw1"\} 1/);
    expect(metrics).toMatch(/mirrorbook_executor_lease_held\{wallet="tw3"\} 0/);
  }, 60_000);

  it("takes tw2's lease away: tw2 waits as a standby, tw1 goes on sending; given back, tw2 applies what waited", async () => {
    const lease = `lease:executor:${tw2.id}`;
    await h.redis.set(lease, 'someone-else', 'PX', 120_000);
    await executor.waitForOutput(/lease for wallet tw2 lost/, 30_000);
    const before2 = appliedFor(tw2).length;

    const first = h.intent(tw1, [{ market, bookSeq: 2, actions: creates(h, 2, 2) }], 60_000);
    const waiting = h.intent(tw2, [{ market, bookSeq: 2, actions: creates(h, 2, 2) }], 60_000);
    await h.publishIntent(waiting);
    await h.publishIntent(first);
    await eventually(() => isApplied(first.id), 60_000, "tw1's intent applied");
    const second = h.intent(tw1, [{ market, bookSeq: 3, actions: creates(h, 2, 3) }], 60_000);
    await h.publishIntent(second);
    await eventually(() => isApplied(second.id), 60_000, "tw1's second intent applied");
    expect(appliedFor(tw2)).toHaveLength(before2);
    expect(isApplied(waiting.id)).toBe(false);
    expect(await h.chainOrders(tw1, market)).toHaveLength(6);
    expect(await h.chainOrders(tw2, market)).toHaveLength(2);

    await h.redis.del(lease);
    await eventually(() => isApplied(waiting.id), 60_000, "tw2's waiting intent applied once it holds its lease again");
    expect(await h.chainOrders(tw2, market)).toHaveLength(4);
  }, 180_000);

  it('stops every wallet in order on SIGTERM: each releases its lease', async () => {
    const { code } = await executor.stop('SIGTERM', 30_000);
    expect(code).toBe(0);
    for (const wallet of [tw1, tw2, tw3, tw4]) expect(await h.redis.get(`lease:executor:${wallet.id}`)).toBeNull();
    expect(executor.logs()).toContain('lease for wallet tw1 released');
    expect(executor.logs()).toContain('lease for wallet tw2 released');
    // each wallet's last heartbeat says it stopped
    for (const wallet of ['tw1', 'tw2', 'tw3', 'tw4']) expect(heartbeats(`-${wallet}`).at(-1)?.state).toBe('stopped');
  }, 60_000);

  it('refuses at start, in one line and with exit 78, a wallet listed twice or without its key file', async () => {
    const twice = h.startExecutor(tw1, { WALLET_ID: '', EXECUTOR_WALLETS: 'tw1,tw2,tw1' });
    expect((await twice.exited).code).toBe(EXIT_CONFIG);
    expect(twice.logs()).toContain('executor: invalid configuration: EXECUTOR_WALLETS names wallet "tw1" twice: each wallet has one tenure');
    const keyless = h.startExecutor(tw1, { WALLET_ID: '', EXECUTOR_WALLETS: 'tw1,tw2', WALLET_TW2_PRIVATE_KEY_FILE: '' });
    expect((await keyless.exited).code).toBe(EXIT_CONFIG);
    expect(keyless.logs()).toContain('executor: invalid configuration: wallet tw2 has no key: set WALLET_TW2_PRIVATE_KEY_FILE to a key file (chmod 600)');
    const both = h.startExecutor(tw1, { WALLET_ID: 'tw1', EXECUTOR_WALLETS: 'tw1,tw2' });
    expect((await both.exited).code).toBe(EXIT_CONFIG);
    expect(both.logs()).toContain('WALLET_ID=tw1 and EXECUTOR_WALLETS=tw1,tw2 disagree');
  }, 120_000);
});

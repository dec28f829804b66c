import { botStateSchema, redisKeys, type BotRunState, type CreateOrderAction } from '@mirrorbook/contracts';
import { estimateGas, LcdClient } from '@mirrorbook/injective';
import { broadcastTx, buildBatchUpdateOrdersMsg, signTx, walletFromPrivateKey } from '@mirrorbook/injective/signing';
import { Dec } from '@mirrorbook/market';
import { eventually, type ManagedProcess } from '@mirrorbook/testing';
import { shutdownRecord } from '../support/shutdown.record';
import { ExecutorHarness, MARKETS, type MarketKey, type TestWallet } from '@mirrorbook/testing/stack';

const markets = Object.keys(MARKETS) as MarketKey[];
/** the executor's own shutdown deadline: runService exits 1 when it passes */
const SHUTDOWN_TIMEOUT_MS = 10_000;

describe('executor: bot stop, orphans, shutdown, and the key', () => {
  let h: ExecutorHarness;
  let wallet: TestWallet;
  let executor: ManagedProcess;

  beforeAll(async () => {
    h = await ExecutorHarness.start({ blockMs: 200 });
    [wallet] = h.wallets;
    for (const market of markets) await h.setReference(market, '10');
    executor = h.startExecutor(wallet, {
      EXEC_RECONCILE_INTERVAL_MS: '1500',
      EXEC_CANCEL_ALL_ON_SHUTDOWN: 'true',
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    });
    await h.tookOver(executor);
  }, 120_000);
  afterAll(async () => h?.stop());

  const create = (price: string, side: 'buy' | 'sell' = 'buy'): CreateOrderAction => ({
    type: 'create', side, price, quantity: '1', postOnly: true, reduceOnly: false, cid: h.cid('l'),
  });

  async function placeOnEveryMarket(): Promise<void> {
    const intent = h.intent(wallet, markets.map((market) => ({ market, bookSeq: Date.now(), actions: [create('9.500'), create('10.500', 'sell')] })));
    await h.publishIntent(intent);
    const report = await eventually(() => h.finalOutcomes().get(intent.id), 20_000, 'the placement');
    expect(report.outcome).toBe('applied');
  }

  async function setBot(desired: BotRunState): Promise<void> {
    const state = botStateSchema.parse({ v: 1, bot: wallet.bot, desired, params: {}, by: 'test', updatedAt: Date.now() });
    await h.redis.set(redisKeys.bot(wallet.bot), JSON.stringify(state));
    h.nc.publish(`bot.state.${wallet.bot}`, new TextEncoder().encode(JSON.stringify(state)));
  }

  const chainCount = async () => (await Promise.all(markets.map((m) => h.chainOrders(wallet, m)))).reduce((n, o) => n + o.length, 0);

  it('cancels every order of a stopped bot in one cancel-all batch and refuses its intents', async () => {
    await placeOnEveryMarket();
    expect(await chainCount()).toBe(6);
    await setBot('stopped');
    const report = await eventually(() => h.reports.find((r) => r.intentIds[0].startsWith(`stop-${wallet.bot}-`)), 20_000, 'the stop batch');
    expect(report).toMatchObject({ outcome: 'applied', code: 0 });
    expect(report.cancelledOrderHashes).toHaveLength(6);
    expect(await chainCount()).toBe(0);
    for (const market of markets) expect(await h.storedOrders(wallet, market)).toEqual([]);

    const refused = h.intent(wallet, [{ market: 'inj-usdt', bookSeq: Date.now(), actions: [create('9.400')] }]);
    await h.publishIntent(refused);
    const rejected = await eventually(() => h.finalOutcomes().get(refused.id), 20_000, 'the refusal');
    expect(rejected).toMatchObject({ outcome: 'rejected', error: `bot ${wallet.bot} is not running` });
    await setBot('running');
  });

  it('cancels an order on chain that nothing knows at the next reconciliation, and reports it', async () => {
    const lcd = new LcdClient({ baseUrl: h.simUrl, ratePerSecond: 1000 });
    const signer = walletFromPrivateKey(wallet.key);
    const market = await lcd.getSpotMarket(MARKETS['inj-usdt'].id, 'testnet');
    const input = {
      injectiveAddress: signer.injAddress,
      subaccountId: signer.subaccountId,
      spotCreates: [{ market, side: 'buy' as const, postOnly: true, price: new Dec('9.1'), quantity: new Dec('1'), cid: 'orphan-1' }],
    };
    const account = await lcd.getAccount(signer.injAddress);
    const signed = signTx({
      msg: buildBatchUpdateOrdersMsg(input),
      wallet: signer,
      chainId: 'injective-sim-1',
      accountNumber: account.accountNumber,
      sequence: account.sequence,
      timeoutHeight: (await lcd.getLatestHeight()) + 20,
      gas: estimateGas(input).gas,
      gasPrice: '160000000',
    });
    await broadcastTx(lcd, signed.txBytesBase64);
    await eventually(async () => (await h.chainOrders(wallet, 'inj-usdt')).some((o) => o.cid === 'orphan-1'), 10_000, 'the orphan on chain');

    const report = await eventually(() => h.reports.find((r) => r.intentIds[0].startsWith('reconcile-') && r.outcome === 'applied'), 20_000, 'the orphan cancel');
    expect(report.cancelledOrderHashes).toHaveLength(1);
    expect((await h.chainOrders(wallet, 'inj-usdt')).some((o) => o.cid === 'orphan-1')).toBe(false);
    // the order event goes out beside the report, not before it
    await eventually(() => h.events.find((e) => e.cid === 'orphan-1' && e.kind === 'cancelled'), 10_000, "orphan-1's cancelled event");

    // the executor's sequence was used by someone else meanwhile: it still trades
    await placeOnEveryMarket();
  });

  it('on SIGTERM finishes, cancels every order (as configured), releases the lease and exits 0 within its own shutdown deadline', async () => {
    expect(await chainCount()).toBeGreaterThan(0);
    // the test's grace is longer than the executor's deadline, so the executor's own watchdog
    // decides (exit 1 when it fires), not the test's stopwatch
    const { code } = await executor.stop('SIGTERM', SHUTDOWN_TIMEOUT_MS + 5000);
    expect(code).toBe(0);
    const record = shutdownRecord(executor.logs());
    expect(record).toMatchObject({ stopped: true, overran: false });
    expect(record.tookMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect(record.messages.filter((m) => /did not finish within|cancel-all at shutdown failed|shutdown failed/.test(m))).toEqual([]);
    const released = record.messages.indexOf(`lease for wallet ${wallet.id} released`);
    expect(released).toBeGreaterThan(0);
    expect(released).toBeLessThan(record.messages.indexOf('stopped'));
    expect(await chainCount()).toBe(0);
    expect(await h.redis.get(redisKeys.executorLease(wallet.id))).toBeNull();
    expect(h.reports.some((r) => r.intentIds[0].startsWith('shutdown-') && r.outcome === 'applied')).toBe(true);
  });

  it('never shows the private key: not in any log line, NATS message or Redis value', async () => {
    const variants = [wallet.key.toLowerCase(), wallet.key.toUpperCase(), Buffer.from(wallet.key, 'hex').toString('base64')];
    const logs = h.executorLogs();
    expect(logs.length).toBeGreaterThan(1000);
    expect(h.allMessages.length).toBeGreaterThan(20);
    const redisDump: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await h.redis.scan(cursor, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const type = await h.redis.type(key);
        if (type === 'string') redisDump.push(key, (await h.redis.get(key)) ?? '');
        else if (type === 'hash') redisDump.push(key, JSON.stringify(await h.redis.hgetall(key)));
        else if (type === 'list') redisDump.push(key, JSON.stringify(await h.redis.lrange(key, 0, -1)));
        else if (type === 'set') redisDump.push(key, JSON.stringify(await h.redis.smembers(key)));
        else if (type === 'zset') redisDump.push(key, JSON.stringify(await h.redis.zrange(key, 0, -1)));
        else redisDump.push(key, type);
      }
    } while (cursor !== '0');
    expect(redisDump.length).toBeGreaterThan(4);
    for (const variant of variants) {
      expect(logs.includes(variant)).toBe(false);
      expect(h.allMessages.some((m) => m.data.includes(variant))).toBe(false);
      expect(redisDump.some((v) => v.includes(variant))).toBe(false);
    }
  });
});

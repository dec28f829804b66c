import type { CreateOrderAction } from '@mirrorbook/contracts';
import { eventually } from '@mirrorbook/testing';
import { ExecutorHarness, MARKETS, type MarketKey } from '@mirrorbook/testing/stack';

const creates = (h: ExecutorHarness, n: number, mid = 10): CreateOrderAction[] =>
  Array.from({ length: n }, (_, i) => {
    const side = i % 2 === 0 ? 'buy' : 'sell';
    const offset = (Math.floor(i / 2) + 1) * 0.01;
    const price = (side === 'buy' ? mid * (1 - offset) : mid * (1 + offset)).toFixed(3);
    return { type: 'create', side, price, quantity: '1', postOnly: true, reduceOnly: false, cid: h.cid() };
  });

describe('executor: happy path against the sim', () => {
  let h: ExecutorHarness;

  beforeAll(async () => {
    h = await ExecutorHarness.start({ blockMs: 700 });
    for (const market of Object.keys(MARKETS) as MarketKey[]) await h.setReference(market, '10');
  }, 120_000);
  afterAll(async () => h?.stop());

  it('turns intents for three markets waiting together into one tx, shows the orders on chain and keeps Redis in line', async () => {
    const [wallet] = h.wallets;
    // The three intents wait in the queue while the lease is held by someone else, so they are all
    // there when the executor takes over: they merge because they are received together, not
    // because three live deliveries happened to land inside one 100 ms batch window.
    const lease = `lease:executor:${wallet.id}`;
    await h.redis.set(lease, 'someone-else', 'PX', 60_000);
    const executor = h.startExecutor(wallet, { EXEC_BATCH_WINDOW_MS: '100' });
    await executor.waitForOutput(/waiting for the lease/, 60_000);
    const jsm = await h.nc.jetstreamManager();
    await eventually(() => jsm.streams.info('INTENTS').catch(() => undefined), 30_000, 'the INTENTS stream');
    const markets = Object.keys(MARKETS) as MarketKey[];
    const intents = markets.map((market, i) => h.intent(wallet, [{ market, bookSeq: i + 1, actions: creates(h, 4) }], 60_000));
    await Promise.all(intents.map((i) => h.publishIntent(i)));
    await h.redis.del(lease);
    await h.tookOver(executor);

    await eventually(() => intents.every((i) => h.reports.some((r) => r.outcome === 'applied' && r.intentIds.includes(i.id))), 30_000, 'all intents applied');
    const applied = h.reports.filter((r) => r.outcome === 'applied');
    const merged = applied.find((r) => r.intentIds.length === 3);
    expect(merged).toBeDefined();
    expect(merged).toMatchObject({ code: 0, failed: [] });
    expect(merged!.createdOrderHashes).toHaveLength(12);
    expect(merged!.txHash).toMatch(/^[0-9A-F]{64}$/);
    expect(merged!.latency.toBroadcastMs).toBeGreaterThanOrEqual(0);
    expect(merged!.latency.toInclusionMs).toBeGreaterThanOrEqual(merged!.latency.toBroadcastMs!);

    for (const market of markets) {
      const onChain = await h.chainOrders(wallet, market);
      const stored = await h.storedOrders(wallet, market);
      expect(onChain).toHaveLength(4);
      expect(stored.map((o) => o.orderHash).sort()).toEqual(onChain.map((o) => o.orderHash).sort());
      expect(stored.map((o) => o.cid).sort()).toEqual(onChain.map((o) => o.cid).sort());
    }
    // order events go out beside the report, not before it: wait for them by count
    const createdEvents = () => h.events.filter((e) => e.kind === 'created' && e.wallet === wallet.id);
    await eventually(() => createdEvents().length >= 12, 10_000, '12 created order events');
    const created = createdEvents();
    expect(created).toHaveLength(12);
    expect(new Set(created.map((e) => e.market))).toEqual(new Set(markets));
  }, 120_000);

  it("meters the fees the chain took: the heartbeat's feesTotalInj is the sum of every included tx's fee (gas limit × gas price) to the last base unit", async () => {
    const [wallet] = h.wallets;
    const hashes = [...new Set(h.reports.filter((r) => r.txHash !== null && r.height !== null).map((r) => r.txHash!))];
    expect(hashes.length).toBeGreaterThan(0);
    let chainFees = 0n;
    for (const hash of hashes) {
      const reply = (await (await fetch(`${h.simUrl}/cosmos/tx/v1beta1/txs/${hash}`)).json()) as {
        tx: { auth_info: { fee: { amount: { denom: string; amount: string }[]; gas_limit: string } } };
        tx_response: { gas_wanted: string };
      };
      const fee = reply.tx.auth_info.fee;
      const inj = fee.amount.filter((c) => c.denom === 'inj').reduce((sum, c) => sum + BigInt(c.amount), 0n);
      // the fee is the gas limit × the gas price, all paid, whatever the tx used
      expect(fee.gas_limit).toBe(reply.tx_response.gas_wanted);
      expect(inj % BigInt(fee.gas_limit)).toBe(0n);
      chainFees += inj;
    }
    const details = await eventually(() => {
      const beats = h.allMessages.filter((m) => m.subject.startsWith('svc.heartbeat.executor.')).map((m) => JSON.parse(m.data) as { wallet?: { id: string }; details?: Record<string, unknown> });
      const last = beats.filter((b) => b.wallet?.id === wallet.id).at(-1)?.details;
      return last && last.feeTxs === hashes.length ? last : undefined;
    }, 30_000, 'a heartbeat counting every included tx');
    const whole = chainFees / 10n ** 18n;
    const fraction = (chainFees % 10n ** 18n).toString().padStart(18, '0').replace(/0+$/, '');
    expect(details.feesTotalInj).toBe(fraction ? `${whole}.${fraction}` : `${whole}`);
    expect(details.feesTodayInj).toBe(details.feesTotalInj);
  }, 60_000);
});

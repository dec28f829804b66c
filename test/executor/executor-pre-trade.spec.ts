import type { CreateOrderAction, ExecutionReport } from '@mirrorbook/contracts';
import { eventually } from '@mirrorbook/testing';
import { ExecutorHarness, MARKETS, type MarketKey, type TestWallet } from '@mirrorbook/testing/stack';

const buy = (h: ExecutorHarness, price: string, quantity = '1'): CreateOrderAction => ({
  type: 'create', side: 'buy', price, quantity, postOnly: true, reduceOnly: false, cid: h.cid('p'),
});

async function rejectedReport(h: ExecutorHarness, wallet: TestWallet, action: CreateOrderAction, market: MarketKey = 'inj-usdt'): Promise<ExecutionReport> {
  const intent = h.intent(wallet, [{ market, bookSeq: Date.now(), actions: [action] }]);
  await h.publishIntent(intent);
  return eventually(() => h.finalOutcomes().get(intent.id), 20_000, `the report of ${intent.id}`);
}

describe('executor: pre-trade checks against the sim', () => {
  let h: ExecutorHarness;
  let rich: TestWallet;
  let poor: TestWallet;

  beforeAll(async () => {
    h = await ExecutorHarness.start({ wallets: 2, funded: 1, blockMs: 200 });
    [rich, poor] = h.wallets;
    for (const market of Object.keys(MARKETS) as MarketKey[]) await h.setReference(market, '10');
    const executors = [h.startExecutor(rich), h.startExecutor(poor)];
    await Promise.all(executors.map((e) => h.tookOver(e)));
  }, 120_000);
  afterAll(async () => h?.stop());

  async function expectNothingBroadcast<T>(wallet: TestWallet, run: () => Promise<T>): Promise<T> {
    const before = (await h.simState()).txsAccepted;
    const result = await run();
    // an order, not a sleep: the executor settles a wallet's intents one cycle after another, so
    // once a later intent of the same wallet is settled (refused before signing: far out of the
    // band), whatever the first could still have sent has reached the sim
    const barrier = await rejectedReport(h, wallet, buy(h, '5.000'));
    expect(barrier).toMatchObject({ outcome: 'rejected', txHash: null });
    expect((await h.simState()).txsAccepted).toBe(before);
    return result;
  }

  it('refuses a price outside the band around the reference, with the reason, and broadcasts nothing', async () => {
    const action = buy(h, '8.500');
    const report = await expectNothingBroadcast(rich, () => rejectedReport(h, rich, action));
    expect(report).toMatchObject({ outcome: 'rejected', txHash: null });
    expect(report.failed).toEqual([{ cid: action.cid, reason: 'price 8.5 is 15 % from the reference 10 (band ±10 %)' }]);
    const event = await eventually(() => h.events.find((e) => e.cid === action.cid), 5000, 'the rejected order event');
    expect(event).toMatchObject({ kind: 'rejected', orderHash: null, reason: report.failed[0].reason });
  });

  it('refuses an oversized order', async () => {
    const action = buy(h, '9.900', '11');
    const report = await expectNothingBroadcast(rich, () => rejectedReport(h, rich, action));
    expect(report.failed).toEqual([{ cid: action.cid, reason: 'quantity 11 exceeds the per-order limit 10 (10 × configured baseSize 1)' }]);
  });

  it('refuses an order the balance cannot cover', async () => {
    const action = buy(h, '9.900', '1');
    const report = await expectNothingBroadcast(poor, () => rejectedReport(h, poor, action));
    expect(report.outcome).toBe('rejected');
    expect(report.failed[0].reason).toMatch(/^insufficient balance: needs 9\.9099 USDT, 5 available$/);
  });

  it('still sends what passes when only part of an intent is refused', async () => {
    const good = buy(h, '9.800');
    const bad = buy(h, '7.000');
    const intent = h.intent(rich, [{ market: 'inj-usdt', bookSeq: Date.now(), actions: [good, bad] }]);
    await h.publishIntent(intent);
    const applied = await eventually(() => h.reports.find((r) => r.outcome === 'applied' && r.intentIds.includes(intent.id)), 20_000, 'the applied part');
    expect(applied.createdOrderHashes).toHaveLength(1);
    const rejected = h.reports.find((r) => r.outcome === 'rejected' && r.intentIds.includes(intent.id));
    expect(rejected?.failed.map((f) => f.cid)).toEqual([bad.cid]);
  });

  it("trades from the bank, where the default subaccount's free funds are, and stores them as the chain keeps them", async () => {
    // the sim keeps nonce 0's free funds in the bank, as the chain does: subaccountDeposits shows
    // only what orders hold, with nothing available
    const action = buy(h, '9.700', '2');
    const intent = h.intent(rich, [{ market: 'inj-usdt', bookSeq: Date.now(), actions: [action] }]);
    await h.publishIntent(intent);
    const report = await eventually(() => h.finalOutcomes().get(intent.id), 20_000, `the report of ${intent.id}`);
    expect(report).toMatchObject({ outcome: 'applied', failed: [] });
    const usdt = await eventually(async () => {
      const stored = JSON.parse((await h.redis.get(`balances:${rich.id}`)) ?? 'null') as { height: number; balances: Record<string, { available: string; total: string }> } | null;
      return stored && stored.height >= report.height! ? stored.balances['peggy0x87aB3B4C8661e07D6372361211B96ed4Dc36B1B5'] : undefined;
    }, 20_000, 'balances read after the order');
    // every USDT the wallet has is its own (total), less what its resting bids hold (available)
    expect(usdt.total).toBe('1000000');
    expect(Number(usdt.available)).toBeLessThan(1_000_000 - 19);
  });

  describe("when the testnet oracle's mark drifts from the price (docs/injective.md#derivative-orders-and-margin)", () => {
    const perp = MARKETS['inj-usdt-perp'].id;
    // the executor keeps a mark it read for about a block (700 ms): let the sim's new mark be read
    const markRead = () => new Promise((resolve) => setTimeout(resolve, 900));
    afterAll(async () => h.admin('mark', { marketId: perp, mode: 'follow' }));

    it('refuses a perp buy whose leverage the mark no longer allows, naming mark, price, leverage and bound, and broadcasts nothing', async () => {
      // leverage 2 (strategy default), IMR 0.083333: a buy at 9.9 needs mark ≥ 9.9 · 0.5 / 0.916667 ≈ 5.4
      expect(await h.admin('mark', { marketId: perp, mode: 'fixed', price: '5' })).toEqual({ marketId: perp, mode: 'fixed', mark: '5' });
      await markRead();
      const action = buy(h, '9.900');
      const report = await expectNothingBroadcast(rich, () => rejectedReport(h, rich, action, 'inj-usdt-perp'));
      expect(report).toMatchObject({ outcome: 'rejected', txHash: null });
      expect(report.failed).toEqual([
        { cid: action.cid, reason: 'mark price 5 is below the bound 5.399998036364350413 of a buy at 9.9 with leverage 2 (P(1 − 1/L)/(1 − IMR), IMR 0.083333)' },
      ]);
    });

    it('refuses every perp create while the oracle has no mark, and trades again once it follows the price', async () => {
      expect(await h.admin('mark', { marketId: perp, mode: 'none' })).toEqual({ marketId: perp, mode: 'none', mark: null });
      await markRead();
      const action = buy(h, '9.900');
      const report = await expectNothingBroadcast(rich, () => rejectedReport(h, rich, action, 'inj-usdt-perp'));
      expect(report.failed).toEqual([{ cid: action.cid, reason: 'no mark price for inj-usdt-perp: the chain refuses every order of the market' }]);

      await h.admin('mark', { marketId: perp, mode: 'follow' });
      await markRead();
      const again = buy(h, '9.900');
      const intent = h.intent(rich, [{ market: 'inj-usdt-perp', bookSeq: Date.now(), actions: [again] }]);
      await h.publishIntent(intent);
      const applied = await eventually(() => h.finalOutcomes().get(intent.id), 20_000, `the report of ${intent.id}`);
      expect(applied).toMatchObject({ outcome: 'applied', failed: [] });
    });
  });

  it('keeps the gas reserve: no INJ ask may hold the INJ the fees are paid from', async () => {
    // the poor wallet has 1 INJ in the bank and the reserve is 1 INJ (EXEC_GAS_RESERVE_INJ)
    const ask: CreateOrderAction = { type: 'create', side: 'sell', price: '10.100', quantity: '0.5', postOnly: true, reduceOnly: false, cid: h.cid('r') };
    const report = await expectNothingBroadcast(poor, () => rejectedReport(h, poor, ask));
    expect(report.failed).toEqual([{ cid: ask.cid, reason: 'insufficient balance: needs 0.5 INJ, 0 available' }]);
  });
});

describe('executor: chain id guard', () => {
  let h: ExecutorHarness;

  beforeAll(async () => {
    h = await ExecutorHarness.start({ blockMs: 200, chainId: 'injective-1' });
    await h.setReference('inj-usdt', '10');
    const executor = h.startExecutor(h.wallets[0]);
    await h.tookOver(executor);
  }, 120_000);
  afterAll(async () => h?.stop());

  it('refuses to trade on a mainnet chain id unless ALLOW_MAINNET_TRADING is true', async () => {
    const action = buy(h, '9.900');
    const report = await rejectedReport(h, h.wallets[0], action);
    expect(report).toMatchObject({ outcome: 'rejected', txHash: null });
    expect(report.failed).toEqual([{ cid: action.cid, reason: 'refusing to sign for mainnet chain injective-1: set ALLOW_MAINNET_TRADING=true to allow it' }]);
    expect((await h.simState()).txsAccepted).toBe(0);
  });
});

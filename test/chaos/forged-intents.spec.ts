import type { CreateOrderAction, ExecutionReport } from '@mirrorbook/contracts';
import { eventually } from '@mirrorbook/testing';
import { ExecutorHarness, type MarketKey, type TestWallet } from '@mirrorbook/testing/stack';

// A forged intent stream on `intent.<wallet>` (the NATS credentials of the strategy in the wrong
// hands): every limit below is the executor's own, so no field of the intent can raise it.
const create = (h: ExecutorHarness, side: 'buy' | 'sell', price: string, quantity = '1', postOnly = true): CreateOrderAction => ({
  type: 'create', side, price, quantity, postOnly, reduceOnly: false, cid: h.cid('f'),
});

describe('chaos: forged intents against the limits the executor owns', () => {
  let h: ExecutorHarness;
  let wallet: TestWallet;

  beforeAll(async () => {
    h = await ExecutorHarness.start({ blockMs: 200 });
    [wallet] = h.wallets;
    for (const market of ['inj-usdt', 'atom-usdt', 'inj-usdt-perp'] as MarketKey[]) await h.setReference(market, '10');
    // the testnet mid of inj-usdt is 1 % off the reference: no market to move
    await h.setTrading('inj-usdt', '10.1', '10.05', '10.15');
    const executor = h.startExecutor(wallet, { EXEC_MAX_ACTIONS_PER_INTENT: '5', EXEC_MAX_TAKER_NOTIONAL: '25' });
    await h.tookOver(executor);
  }, 120_000);
  afterAll(async () => h?.stop());

  async function finalReport(actions: CreateOrderAction[], market: MarketKey, phase: 'MARKET_MOVING' | 'MAINTENANCE' = 'MAINTENANCE'): Promise<ExecutionReport> {
    const intent = h.intent(wallet, [{ market, bookSeq: Date.now(), actions, phase }]);
    await h.publishIntent(intent);
    return eventually(() => h.finalOutcomes().get(intent.id), 20_000, `the report of ${intent.id}`);
  }

  it('a self-declared MARKET_MOVING create at reference × 1.45 while the measured gap is < 2 % is rejected with the band named', async () => {
    const before = (await h.simState()).txsAccepted;
    await h.setTrading('inj-usdt', '10.1', '10.05', '10.15');
    const drain = create(h, 'buy', '14.500', '1', false);
    const report = await finalReport([drain], 'inj-usdt', 'MARKET_MOVING');
    expect(report).toMatchObject({ outcome: 'rejected', txHash: null, createdOrderHashes: [] });
    expect(report.failed).toEqual([{ cid: drain.cid, reason: 'price 14.5 is 45 % from the reference 10 (band ±10 %)' }]);
    expect((await h.simState()).txsAccepted).toBe(before);
  });

  it('rejects an intent with more creates and cancels than EXEC_MAX_ACTIONS_PER_INTENT whole, with a report, and signs nothing', async () => {
    const before = (await h.simState()).txsAccepted;
    const actions = Array.from({ length: 6 }, (_, i) => create(h, 'buy', `9.${90 - i}0`));
    const report = await finalReport(actions, 'inj-usdt');
    expect(report).toMatchObject({ outcome: 'rejected', txHash: null, error: 'intent carries 6 creates and cancels, above the per-intent limit 5' });
    expect(report.failed).toEqual(actions.map((a) => ({ cid: a.cid, reason: 'intent carries 6 creates and cancels, above the per-intent limit 5' })));
    expect((await h.simState()).txsAccepted).toBe(before);
  });

  it('stops orders that may take once the rolling taker notional of the market would pass EXEC_MAX_TAKER_NOTIONAL', async () => {
    // atom-usdt has no testnet price stored: every order that is not post-only counts as taking
    const first = await finalReport([create(h, 'buy', '9.900', '1', false), create(h, 'buy', '9.800', '1', false)], 'atom-usdt');
    expect(first).toMatchObject({ outcome: 'applied', failed: [] });
    const third = create(h, 'buy', '9.700', '1', false);
    const refused = await finalReport([third], 'atom-usdt');
    expect(refused).toMatchObject({ outcome: 'rejected', txHash: null });
    expect(refused.failed).toEqual([{ cid: third.cid, reason: 'taker notional on atom-usdt would reach 29.4 in 60 s, above the limit 25' }]);
    // maker-only orders are not taker flow
    const maker = await finalReport([create(h, 'buy', '9.700')], 'atom-usdt');
    expect(maker).toMatchObject({ outcome: 'applied', failed: [] });
  });

  it('stops perp creates once the position could pass maxNetPosition of the config files (50) if every resting buy filled', async () => {
    // five post-only buys of 10 (the per-order cap: 10 × baseSize 1) rest: 50 long if they all fill
    const resting = ['9.400', '9.300', '9.200', '9.100', '9.000'].map((price) => create(h, 'buy', price, '10'));
    expect(await finalReport(resting, 'inj-usdt-perp')).toMatchObject({ outcome: 'applied', failed: [] });
    const before = (await h.simState()).txsAccepted;
    const one = create(h, 'buy', '9.000', '1');
    const refused = await finalReport([one], 'inj-usdt-perp');
    expect(refused).toMatchObject({ outcome: 'rejected', txHash: null });
    expect(refused.failed).toEqual([
      { cid: one.cid, reason: 'net position on inj-usdt-perp could reach 51 long if every resting buy filled, beyond the limit ±50 (configured maxNetPosition)' },
    ]);
    expect((await h.simState()).txsAccepted).toBe(before);
    // the other side still quotes: a sell of 10 only brings the worst short case to 10
    expect(await finalReport([create(h, 'sell', '10.900', '10')], 'inj-usdt-perp')).toMatchObject({ outcome: 'applied', failed: [] });
  });
});

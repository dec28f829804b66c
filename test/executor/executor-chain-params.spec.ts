import type { CreateOrderAction } from '@mirrorbook/contracts';
import { eventually } from '@mirrorbook/testing';
import { ExecutorHarness, MARKETS, type MarketKey } from '@mirrorbook/testing/stack';

/** The fee a tx paid per unit of gas, read back from the sim. */
async function gasPriceOf(h: ExecutorHarness, txHash: string): Promise<bigint> {
  const reply = (await (await fetch(`${h.simUrl}/cosmos/tx/v1beta1/txs/${txHash}`)).json()) as {
    tx: { auth_info: { fee: { amount: { denom: string; amount: string }[]; gas_limit: string } } };
  };
  const fee = reply.tx.auth_info.fee;
  return BigInt(fee.amount.find((c) => c.denom === 'inj')!.amount) / BigInt(fee.gas_limit);
}

describe('executor: gas price and gas from the chain, not assumed', () => {
  let h: ExecutorHarness;
  const maker = (side: 'buy' | 'sell', price: string): CreateOrderAction => ({ type: 'create', side, price, quantity: '1', postOnly: true, reduceOnly: false, cid: h.cid() });

  beforeAll(async () => {
    // a base fee above the node minimum: signing at the fixed 160000000 is refused (code 13)
    h = await ExecutorHarness.start({ blockMs: 300, eipBaseFee: '300000000' });
    for (const market of Object.keys(MARKETS) as MarketKey[]) await h.setReference(market, '10');
  }, 120_000);
  afterAll(async () => h?.stop());

  it('signs at the base fee read at takeover, re-prices once on an insufficient fee, with gas from simulate (fixed gas off)', async () => {
    const [wallet] = h.wallets;
    const executor = h.startExecutor(wallet, {});
    await h.tookOver(executor);

    const first = h.intent(wallet, [{ market: 'inj-usdt', bookSeq: 1, actions: [maker('buy', '9.9')] }], 30_000);
    await h.publishIntent(first);
    const applied = await eventually(() => h.reports.find((r) => r.intentIds.includes(first.id)), 30_000, 'the first intent reported');
    expect(applied).toMatchObject({ outcome: 'applied', code: 0 });
    expect(await gasPriceOf(h, applied.txHash!)).toBe(300_000_000n);

    // the base fee rises between the executor's reads: the first broadcast is refused (code 13), re-priced, applied
    await h.admin('base-fee', { baseFee: '450000000' });
    const second = h.intent(wallet, [{ market: 'inj-usdt', bookSeq: 2, actions: [maker('sell', '10.1')] }], 30_000);
    await h.publishIntent(second);
    const repriced = await eventually(() => h.reports.find((r) => r.intentIds.includes(second.id)), 30_000, 'the second intent reported');
    expect(repriced).toMatchObject({ outcome: 'applied', code: 0 });
    expect(await gasPriceOf(h, repriced.txHash!)).toBe(450_000_000n);
    await executor.waitForOutput(/insufficient fee at gas price 300000000: signing again at 450000000/, 5000);
  }, 120_000);
});

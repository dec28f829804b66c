import { estimateGas, type BatchUpdateOrdersInput, type SpotOrderCreate } from '@mirrorbook/injective';
import { broadcastTx, buildBatchUpdateOrdersMsg, signTx, type TxResult, waitForInclusion } from '@mirrorbook/injective/signing';
import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from '@mirrorbook/testing';
import { startSim, type SimHarness } from '../support/injective-sim.harness';

const CHAIN_ID = 'injective-sim-1';
const GAS_PRICE = '160000000';
const { spot, perp } = injUsdtMarkets();

/** 27 post-only bids below 10 and 27 asks above it, one tick-aligned level each: 54 orders. */
function staircase(): SpotOrderCreate[] {
  const orders: SpotOrderCreate[] = [];
  for (let i = 0; i < 27; i++) {
    const offset = new Dec('0.01').mul(i + 1);
    const quantity = new Dec('1.5').add(new Dec('0.001').mul(i));
    orders.push({ market: spot, side: 'buy', postOnly: true, price: new Dec(10).sub(offset), quantity, cid: `bid-${i}` });
    orders.push({ market: spot, side: 'sell', postOnly: true, price: new Dec(10).add(offset), quantity, cid: `ask-${i}` });
  }
  return orders;
}

describe('adapter round trip against injective-sim', () => {
  let h: SimHarness;
  let sequence = 0;
  beforeEach(async () => {
    h = await startSim();
    sequence = 0;
  });
  afterEach(async () => h.close());

  /** Signs with the adapter, broadcasts over HTTP, produces the next block, reads the result. */
  async function execute(orders: Omit<BatchUpdateOrdersInput, 'injectiveAddress' | 'subaccountId'>): Promise<TxResult> {
    const input: BatchUpdateOrdersInput = { injectiveAddress: h.alice.injAddress, subaccountId: h.alice.subaccountId, ...orders };
    const { accountNumber } = await h.lcd.getAccount(h.alice.injAddress);
    const signed = signTx({
      msg: buildBatchUpdateOrdersMsg(input),
      wallet: h.alice,
      chainId: CHAIN_ID,
      accountNumber,
      sequence: sequence++,
      timeoutHeight: (await h.lcd.getLatestHeight()) + 30,
      gas: estimateGas(input).gas,
      gasPrice: GAS_PRICE,
    });
    const { txHash } = await broadcastTx(h.lcd, signed.txBytesBase64);
    const height = await h.produceBlocks(1);
    const result = await waitForInclusion(h.lcd, txHash, { timeoutMs: 2000, pollMs: 10 });
    expect(result.height).toBe(height);
    return result;
  }

  it('places 54 spot orders in one batch, shows them in the book and open orders, and cancels them again', async () => {
    const unknownHash = `0x${'ab'.repeat(32)}`;
    const placed = await execute({ spotCreates: staircase(), spotCancels: [{ marketId: spot.id, orderHash: unknownHash }] });
    expect(placed.code).toBe(0);
    expect(placed.error).toBeNull();
    expect(placed.createdOrderHashes).toHaveLength(54);
    expect(placed.failedCids).toEqual([]);
    expect(placed.spotCancelSuccess).toEqual([false]);
    expect(new Set(placed.createdOrderHashes).size).toBe(54);

    const book = await h.lcd.getSpotOrderbook(spot.id);
    expect(book.bids).toHaveLength(27);
    expect(book.asks).toHaveLength(27);
    expect(book.bids[0]!.price.eq('9.99')).toBe(true);
    expect(book.asks[0]!.price.eq('10.01')).toBe(true);
    expect(book.bids[0]!.quantity.eq('1.5')).toBe(true);

    const open = await h.lcd.getSpotOpenOrders(spot.id, h.alice.subaccountId);
    expect(open).toHaveLength(54);
    expect(new Set(open.map((o) => o.orderHash))).toEqual(new Set(placed.createdOrderHashes));
    expect(open.find((o) => o.cid === 'ask-3')).toMatchObject({ side: 'sell' });

    const tob = await h.lcd.getSpotMidPriceAndTob(spot.id);
    expect(tob.midPrice?.eq(10)).toBe(true);

    const cancelled = await execute({ spotCancels: placed.createdOrderHashes.map((orderHash) => ({ marketId: spot.id, orderHash })) });
    expect(cancelled.code).toBe(0);
    expect(cancelled.spotCancelSuccess).toEqual(new Array(54).fill(true));
    expect(await h.lcd.getSpotOpenOrders(spot.id, h.alice.subaccountId)).toEqual([]);
    const empty = await h.lcd.getSpotOrderbook(spot.id);
    expect([empty.bids.length, empty.asks.length]).toEqual([0, 0]);
  });

  it('reports a refused create by cid and error code in place of its hash', async () => {
    const offTick = { market: spot, side: 'buy' as const, postOnly: true, price: new Dec('9.0005'), quantity: new Dec(1), cid: 'off-tick' };
    const ok = { market: spot, side: 'buy' as const, postOnly: true, price: new Dec('9'), quantity: new Dec(1), cid: 'ok' };
    const result = await execute({ spotCreates: [offTick, ok] });
    expect(result.code).toBe(0);
    expect(result.failedCids).toEqual(['off-tick']);
    expect(result.createdCids).toEqual(['ok']);
    expect(result.spotCreateResults[0]).toMatchObject({ orderHash: null });
    expect(result.spotCreateResults[0]!.failureCode).toBeGreaterThan(0);
    expect(result.spotCreateResults[1]!.orderHash).toMatch(/^0x[0-9a-f]{64}$/i);
  });

  it('places a derivative batch on INJ/USDT PERP with margin, shows it, and cancels it with cancel-all', async () => {
    const derivativeCreates = [0, 1, 2, 3, 4].flatMap((i) => [
      { market: perp, side: 'buy' as const, postOnly: true, price: new Dec('9.9').sub(i), quantity: new Dec('2'), leverage: new Dec(5), cid: `pb-${i}` },
      { market: perp, side: 'sell' as const, postOnly: true, price: new Dec('10.1').add(i), quantity: new Dec('2'), leverage: new Dec(5), cid: `ps-${i}` },
    ]);
    const placed = await execute({ derivativeCreates });
    expect(placed.code).toBe(0);
    expect(placed.failedCids).toEqual([]);
    expect(placed.derivativeCreateResults.every((r) => r.orderHash !== null)).toBe(true);

    const open = await h.lcd.getDerivativeOpenOrders(perp.id, h.alice.subaccountId);
    expect(open).toHaveLength(10);
    const first = open.find((o) => o.cid === 'pb-0')!;
    expect(first.margin?.eq(new Dec('9.9').mul(2).div(5))).toBe(true);
    const book = await h.lcd.getDerivativeOrderbook(perp.id, 3);
    expect([book.bids.length, book.asks.length]).toEqual([3, 3]);

    const cancelled = await execute({ derivativeCancelAll: [perp.id] });
    expect(cancelled.code).toBe(0);
    expect(await h.lcd.getDerivativeOpenOrders(perp.id, h.alice.subaccountId)).toEqual([]);
  });

  it('charges the fee in inj and commits the sequence', async () => {
    // gas is paid from the bank, where the default subaccount's free INJ is
    const before = await h.lcd.getBankBalances(h.alice.injAddress, { inj: 18 });
    await execute({ spotCreates: staircase().slice(0, 2) });
    const after = await h.lcd.getBankBalances(h.alice.injAddress, { inj: 18 });
    expect(after.balances.inj!.lt(before.balances.inj!)).toBe(true);
    expect((await h.lcd.getAccount(h.alice.injAddress)).sequence).toBe(1);
  });
});

import {
  anteGas,
  LcdRequestError,
  SequenceMismatchError,
  signedTxBytes,
  TxRejectedError,
  UnauthorizedError,
  type BatchUpdateOrdersInput,
  type Wallet,
} from '@mirrorbook/injective';
import { broadcastTx, buildBatchUpdateOrdersMsg, signTx, waitForInclusion, walletFromPrivateKey } from '@mirrorbook/injective/signing';
import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from '@mirrorbook/testing';
import { startSim, type SimHarness } from '../support/injective-sim.harness';

const CHAIN_ID = 'injective-sim-1';
const { spot, perp } = injUsdtMarkets();
const carol = walletFromPrivateKey(`0x${'33'.repeat(32)}`);

function batch(wallet: Wallet, cids: string[]): BatchUpdateOrdersInput {
  return {
    injectiveAddress: wallet.injAddress,
    subaccountId: wallet.subaccountId,
    spotCreates: cids.map((cid, i) => ({
      market: spot,
      side: 'buy' as const,
      postOnly: true,
      price: new Dec('9.5').sub(new Dec('0.001').mul(i)),
      quantity: new Dec('1'),
      cid,
    })),
  };
}

function sign(
  h: SimHarness,
  wallet: Wallet,
  cids: string[],
  opts: { sequence: number; accountNumber?: number; chainId?: string; signer?: Wallet },
) {
  return signTx({
    msg: buildBatchUpdateOrdersMsg(batch(wallet, cids)),
    wallet: opts.signer ? { ...wallet, sign: opts.signer.sign } : wallet,
    chainId: opts.chainId ?? CHAIN_ID,
    accountNumber: opts.accountNumber ?? 10,
    sequence: opts.sequence,
    timeoutHeight: 1000,
    gas: 1_000_000,
    gasPrice: '160000000',
  });
}

describe('injective-sim over HTTP', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startSim();
  });
  afterEach(async () => h.close());

  describe('when a signed batch is broadcast', () => {
    it('accepts it, answers 404 until a block, then reports it included with its order hashes', async () => {
      const signed = sign(h, h.alice, ['c-1', 'c-2'], { sequence: 0 });
      const { txHash } = await broadcastTx(h.lcd, signed.txBytesBase64);
      expect(txHash).toBe(signed.txHash);

      const pending = await h.request('GET', `/cosmos/tx/v1beta1/txs/${txHash}`);
      expect(pending).toEqual({ status: 404, body: { code: 5, message: `tx not found: ${txHash}`, details: [] } });

      expect(await h.produceBlocks(1)).toBe(1);
      const result = await waitForInclusion(h.lcd, txHash, { timeoutMs: 2000, pollMs: 10 });
      expect(result).toMatchObject({ height: 1, code: 0, createdCids: ['c-1', 'c-2'], failedCids: [], error: null });
      expect(result.createdOrderHashes).toHaveLength(2);

      const account = await h.lcd.getAccount(h.alice.injAddress);
      expect(account).toMatchObject({ accountNumber: 10, sequence: 1 });
      expect(account.pubKey?.keyBase64).toBe(h.alice.publicKeyBase64);
    });

    it('answers the account query with committed state while the tx waits', async () => {
      await broadcastTx(h.lcd, sign(h, h.alice, ['c-1'], { sequence: 0 }).txBytesBase64);
      expect((await h.lcd.getAccount(h.alice.injAddress)).sequence).toBe(0);
    });

    it('includes two txs with consecutive sequences in one block', async () => {
      const first = sign(h, h.alice, ['first'], { sequence: 0 });
      const second = sign(h, h.alice, ['second'], { sequence: 1 });
      await broadcastTx(h.lcd, first.txBytesBase64);
      await broadcastTx(h.lcd, second.txBytesBase64);
      await h.produceBlocks(1);
      const [a, b] = await Promise.all([first, second].map((s) => waitForInclusion(h.lcd, s.txHash, { timeoutMs: 2000, pollMs: 10 })));
      expect([a!.height, a!.code, b!.height, b!.code]).toEqual([1, 0, 1, 0]);
      const block = await h.request('GET', '/cosmos/base/tendermint/v1beta1/blocks/latest');
      expect(block.body.sdk_block.header).toMatchObject({ height: '1', chain_id: CHAIN_ID });
      expect(block.body.block.data.txs).toHaveLength(2);
    });
  });

  describe('when the sequence is stale', () => {
    it('refuses with code 32 and the right expected sequence, and does not consume it', async () => {
      await broadcastTx(h.lcd, sign(h, h.alice, ['one'], { sequence: 0 }).txBytesBase64);
      await h.produceBlocks(1);
      const stale = await broadcastTx(h.lcd, sign(h, h.alice, ['two'], { sequence: 0 }).txBytesBase64).catch((e: unknown) => e);
      expect(stale).toBeInstanceOf(SequenceMismatchError);
      expect(stale).toMatchObject({ expected: 1, got: 0, abciCode: 32 });
      expect((await h.lcd.getAccount(h.alice.injAddress)).sequence).toBe(1);
      await expect(broadcastTx(h.lcd, sign(h, h.alice, ['three'], { sequence: 1 }).txBytesBase64)).resolves.toBeTruthy();
    });
  });

  describe('when the signature cannot be verified', () => {
    it('refuses a tx signed with the wrong key with code 4', async () => {
      const forged = sign(h, h.alice, ['x'], { sequence: 0, signer: h.bob });
      await expect(broadcastTx(h.lcd, forged.txBytesBase64)).rejects.toBeInstanceOf(UnauthorizedError);
    });

    it('refuses a tx signed for another chain id with code 4, naming the sim chain id', async () => {
      const other = sign(h, h.alice, ['x'], { sequence: 0, chainId: 'injective-888' });
      const error = await broadcastTx(h.lcd, other.txBytesBase64).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnauthorizedError);
      expect(error).toMatchObject({ abciCode: 4, chainId: CHAIN_ID, accountNumber: 10, sequence: 0 });
    });

    it('refuses a key that does not belong to the sender with code 8', async () => {
      const mismatched = sign(h, { ...h.alice, publicKeyBase64: h.bob.publicKeyBase64 }, ['x'], { sequence: 0, signer: h.bob });
      const error = await broadcastTx(h.lcd, mismatched.txBytesBase64).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TxRejectedError);
      expect(error).toMatchObject({ abciCode: 8, codespace: 'sdk' });
    });
  });

  describe('bad requests', () => {
    it('answers malformed tx bytes with HTTP 200 and code 2 (tx parse error), not a 500', async () => {
      const res = await h.request('POST', '/cosmos/tx/v1beta1/txs', {
        tx_bytes: Buffer.from('not a transaction at all').toString('base64'),
        mode: 'BROADCAST_MODE_SYNC',
      });
      expect(res.status).toBe(200);
      expect(res.body.tx_response).toMatchObject({ code: 2, codespace: 'sdk', height: '0' });
      expect(res.body.tx_response.raw_log).toMatch(/tx parse error$/);
      expect(res.body.tx_response.txhash).toMatch(/^[0-9A-F]{64}$/);
    });

    it('answers a malformed JSON body with 400', async () => {
      const res = await h.request('POST', '/cosmos/tx/v1beta1/txs', undefined, '{"tx_bytes": ');
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 3, details: [] });
    });

    it('answers a body without tx_bytes with 400', async () => {
      const res = await h.request('POST', '/cosmos/tx/v1beta1/txs', { mode: 'BROADCAST_MODE_SYNC' });
      expect(res.status).toBe(400);
    });

    it('answers an unknown market with 404 in the chain style', async () => {
      const res = await h.request('GET', `/injective/exchange/v2/spot/orderbook/0x${'ab'.repeat(32)}`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 5, details: [] });
      await expect(h.lcd.getSpotOrderbook(`0x${'ab'.repeat(32)}`)).rejects.toBeInstanceOf(LcdRequestError);
    });

    it('answers an unknown account with 404 code 5 and a malformed address with 400', async () => {
      expect((await h.request('GET', '/cosmos/auth/v1beta1/accounts/inj1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq')).status).toBe(400);
      const unknown = await h.request('GET', `/cosmos/auth/v1beta1/accounts/${carol.injAddress}`);
      expect(unknown).toMatchObject({ status: 404, body: { code: 5 } });
    });
  });

  describe('simulate', () => {
    it('answers gas from the fixed per-order table', async () => {
      const signed = sign(h, h.alice, ['a', 'b', 'c'], { sequence: 0 });
      const res = await h.request('POST', '/cosmos/tx/v1beta1/simulate', { tx_bytes: signed.txBytesBase64 });
      expect(res.status).toBe(200);
      expect(res.body.gas_info).toEqual({ gas_wanted: '1000000', gas_used: String(anteGas(signedTxBytes(signed)) + 10_000 + 3 * 120_000) });
    });
  });

  describe('queries', () => {
    it('serves bank balances and subaccount deposits in chain base units', async () => {
      const bank = await h.request('GET', `/cosmos/bank/v1beta1/balances/${h.bob.injAddress}`);
      expect(bank.body).toEqual({ balances: [{ denom: 'inj', amount: '10000000000000000000' }], pagination: { next_key: null, total: '1' } });
    });

    it("keeps the default subaccount's free funds in the bank: a resting order's hold moves into the deposit's total and back on cancel", async () => {
      const decimals = { inj: 18, [spot.quoteDenom]: 6 };
      const usdt = async () => ({
        bank: (await h.lcd.getBankBalances(h.alice.injAddress, decimals)).balances[spot.quoteDenom]?.toFixed(),
        deposit: (await h.lcd.getSubaccountDeposits(h.alice.subaccountId, decimals)).balances[spot.quoteDenom],
      });
      // funded in the bank only: nothing in the deposits
      expect(await usdt()).toEqual({ bank: '1000000', deposit: undefined });

      // two bids of 1 INJ at 9.5 and 9.499 hold 18.999 USDT plus the 0.1 % taker fee a bid holds: 19.017999
      await h.request('POST', '/cosmos/tx/v1beta1/txs', { tx_bytes: sign(h, h.alice, ['a', 'b'], { sequence: 0 }).txBytesBase64, mode: 'BROADCAST_MODE_SYNC' });
      await h.produceBlocks(1);
      const resting = await usdt();
      expect(resting.bank).toBe('999980.982001');
      expect(resting.deposit!.available.isZero()).toBe(true);
      expect(resting.deposit!.total.toFixed()).toBe('19.017999');

      const cancel = signTx({
        msg: buildBatchUpdateOrdersMsg({ injectiveAddress: h.alice.injAddress, subaccountId: h.alice.subaccountId, spotCancelAll: [spot.id] }),
        wallet: h.alice,
        chainId: CHAIN_ID,
        accountNumber: 10,
        sequence: 1,
        timeoutHeight: 1000,
        gas: 1_000_000,
        gasPrice: '160000000',
      });
      await h.request('POST', '/cosmos/tx/v1beta1/txs', { tx_bytes: cancel.txBytesBase64, mode: 'BROADCAST_MODE_SYNC' });
      await h.produceBlocks(1);
      expect(await usdt()).toEqual({ bank: '1000000', deposit: undefined });
    });

    it('serves market metadata the adapter normalizes back to the fixture market', async () => {
      const market = await h.lcd.getSpotMarket(spot.id, 'testnet');
      expect(market).toMatchObject({ id: spot.id, ticker: 'INJ/USDT', baseDecimals: 18, quoteDecimals: 6 });
      expect(market.priceTick.eq(spot.priceTick)).toBe(true);
      const { perp } = injUsdtMarkets();
      const derivative = await h.lcd.getDerivativeMarket(perp.id, 'testnet');
      expect(derivative).toMatchObject({ id: perp.id, isPerpetual: true });
      expect(derivative.initialMarginRatio!.eq(perp.initialMarginRatio!)).toBe(true);
    });

    it('serves the latest height the adapter reads', async () => {
      await h.produceBlocks(3);
      expect(await h.lcd.getLatestHeight()).toBe(3);
    });
  });

  describe('faults', () => {
    it('answers LCD requests with 503 at rate 1 while the admin API keeps working, and reads back', async () => {
      const set = await h.request('POST', '/sim/admin/faults', { http5xxRate: 1 });
      expect(set.body).toMatchObject({ http5xxRate: 1, http429Rate: 0 });
      expect((await h.request('GET', '/cosmos/base/tendermint/v1beta1/blocks/latest')).status).toBe(503);
      expect((await h.request('GET', '/sim/admin/faults')).body.http5xxRate).toBe(1);
      await h.request('POST', '/sim/admin/faults', { reset: true });
      expect((await h.request('GET', '/cosmos/base/tendermint/v1beta1/blocks/latest')).status).toBe(200);
    });

    it('answers 429 at rate 1', async () => {
      await h.request('POST', '/sim/admin/faults', { http429Rate: 1 });
      const res = await h.request('GET', '/cosmos/base/tendermint/v1beta1/blocks/latest');
      expect(res.status).toBe(429);
    });

    it('refuses an invalid fault body with 400 naming the field', async () => {
      const res = await h.request('POST', '/sim/admin/faults', { dropBroadcastRate: 'often' });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('dropBroadcastRate');
    });

    it('answers the open orders as a node N blocks behind under staleOpenOrdersBlocks: its height in the header, newer orders left out', async () => {
      await h.request('POST', '/cosmos/tx/v1beta1/txs', { tx_bytes: sign(h, h.alice, ['old'], { sequence: 0 }).txBytesBase64, mode: 'BROADCAST_MODE_SYNC' });
      await h.produceBlocks(1);
      await h.request('POST', '/cosmos/tx/v1beta1/txs', { tx_bytes: sign(h, h.alice, ['new'], { sequence: 1 }).txBytesBase64, mode: 'BROADCAST_MODE_SYNC' });
      await h.produceBlocks(2);
      const read = () => h.lcd.getSpotOpenOrdersAtHeight(spot.id, h.alice.subaccountId);
      const cids = (r: Awaited<ReturnType<typeof read>>) => r.orders.map((o) => o.cid).sort();

      expect(await read().then((r) => [r.height, cids(r)])).toEqual([3, ['new', 'old']]);
      expect((await h.request('POST', '/sim/admin/faults', { staleOpenOrdersBlocks: 2 })).body.staleOpenOrdersBlocks).toBe(2);
      expect(await read().then((r) => [r.height, cids(r)])).toEqual([1, ['old']]);
      // only the open-orders queries lag: the latest height is still served elsewhere
      expect(await h.lcd.getLatestHeight()).toBe(3);
      await h.request('POST', '/sim/admin/faults', { reset: true });
      expect(await read().then((r) => [r.height, cids(r)])).toEqual([3, ['new', 'old']]);
    });

    it('drifts a sequence: the next broadcast learns the new expected sequence', async () => {
      const drift = await h.request('POST', '/sim/admin/faults', { sequenceDrift: [{ address: h.alice.injAddress, by: 2 }] });
      expect(drift.body.drifted).toEqual([{ address: h.alice.injAddress, sequence: '2' }]);
      const error = await broadcastTx(h.lcd, sign(h, h.alice, ['x'], { sequence: 0 }).txBytesBase64).catch((e: unknown) => e);
      expect(error).toMatchObject({ expected: 2 });
    });
  });

  describe('admin', () => {
    it('reports height, mempool size and counters', async () => {
      await broadcastTx(h.lcd, sign(h, h.alice, ['x'], { sequence: 0 }).txBytesBase64);
      const state = await h.request('GET', '/sim/admin/state');
      expect(state.body).toMatchObject({ chainId: CHAIN_ID, height: 0, mempoolSize: 1, txsAccepted: 1, blockProducer: 'on-demand' });
    });

    it('moves the mainnet price of a pair', async () => {
      const res = await h.request('POST', '/sim/admin/price', { marketId: spot.id, price: '12.5' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ marketId: spot.id, price: '12.5' });
    });

    it("sets a testnet perp's mark apart (fixed, nil) and back to following, as the derivative market query shows it", async () => {
      const following = await h.lcd.getDerivativeMarkPrice(perp.id);
      expect(following).not.toBeNull();
      const fixed = await h.request('POST', '/sim/admin/mark', { marketId: perp.id, mode: 'fixed', price: '5.5' });
      expect(fixed).toEqual({ status: 200, body: { marketId: perp.id, mode: 'fixed', mark: '5.5' } });
      await h.produceBlocks(2);
      expect((await h.lcd.getDerivativeMarkPrice(perp.id))?.toFixed()).toBe('5.5');
      expect((await h.request('POST', '/sim/admin/mark', { marketId: perp.id, mode: 'none' })).body).toEqual({ marketId: perp.id, mode: 'none', mark: null });
      expect(await h.lcd.getDerivativeMarkPrice(perp.id)).toBeNull();
      const back = await h.request('POST', '/sim/admin/mark', { marketId: perp.id, mode: 'follow' });
      expect(back.body).toMatchObject({ marketId: perp.id, mode: 'follow' });
      expect((await h.lcd.getDerivativeMarkPrice(perp.id))?.toFixed()).toBe(back.body.mark);
    });

    it('reshapes the mainnet book of a pair from the next block (a testnet id reshapes its pair), and refuses a bad depth field with 400 naming it', async () => {
      const mainnetId = '0xa508cb32923323679f29a032c70342c147c17d0145625922b0ef22e955c844c0';
      const book = async () => {
        const body = (await h.request('GET', `/injective/exchange/v2/spot/orderbook/${mainnetId}`)).body as { buys_price_level: { p: string }[]; sells_price_level: { p: string }[] };
        const [bid, ask] = [new Dec(body.buys_price_level[0]!.p), new Dec(body.sells_price_level[0]!.p)];
        return { levels: [body.buys_price_level.length, body.sells_price_level.length], spread: ask.sub(bid).div(ask.add(bid).div(2)).toNumber() };
      };
      const before = await book();
      expect(before.levels).toEqual([24, 24]);
      expect(before.spread).toBeLessThan(0.001);
      const res = await h.request('POST', '/sim/admin/depth', { marketId: spot.id, depth: { spread: 0.004, levelsPerSide: 3 } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ marketId: spot.id, depth: { spread: 0.004, levelsPerSide: 3, levelGrowth: 1.25 } });
      await h.produceBlocks(1);
      const after = await book();
      expect(after.levels).toEqual([3, 3]);
      expect(after.spread).toBeGreaterThan(0.0036);
      expect(after.spread).toBeLessThan(0.0044);
      const bad = await h.request('POST', '/sim/admin/depth', { marketId: spot.id, depth: { spread: -1 } });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('depth.spread');
      expect((await h.request('POST', '/sim/admin/depth', { marketId: `0x${'ab'.repeat(32)}`, depth: { spread: 0.001 } })).status).toBe(404);
      await h.request('POST', '/sim/admin/depth', { marketId: spot.id, depth: { spread: 0.0005, levelsPerSide: 24 } });
    });

    it('refuses a mark for a spot market and an invalid mark body with 400', async () => {
      expect((await h.request('POST', '/sim/admin/mark', { marketId: spot.id, mode: 'none' })).status).toBe(400);
      expect((await h.request('POST', '/sim/admin/mark', { marketId: perp.id, mode: 'fixed' })).status).toBe(400);
      expect((await h.request('POST', '/sim/admin/mark', { marketId: perp.id, mode: 'stale' })).status).toBe(400);
    });

    it('funds a new account', async () => {
      const res = await h.request('POST', '/sim/admin/accounts', {
        address: carol.injAddress,
        balances: { inj: '1' },
      });
      expect(res.status).toBe(200);
      expect((await h.lcd.getAccount(carol.injAddress)).accountNumber).toBe(12);
    });
  });
});

describe('injective-sim with a block timer', () => {
  it('produces blocks by itself and includes a broadcast tx in one of them', async () => {
    const h = await startSim({ blockMs: 50 });
    try {
      const signed = sign(h, h.alice, ['timed'], { sequence: 0 });
      await broadcastTx(h.lcd, signed.txBytesBase64);
      const result = await waitForInclusion(h.lcd, signed.txHash, { timeoutMs: 5000, pollMs: 20 });
      expect(result).toMatchObject({ code: 0, createdCids: ['timed'] });
      expect((await h.request('GET', '/sim/admin/state')).body.blockProducer).toBe('running');
    } finally {
      await h.close();
    }
  });
});

describe('injective-sim determinism', () => {
  it('gives the same block results for the same seed, config and inputs', async () => {
    const run = async () => {
      const h = await startSim({ faults: { dropBroadcastRate: 0.3 } });
      try {
        const hashes: string[] = [];
        for (let seq = 0; seq < 6; seq++) {
          const signed = sign(h, h.alice, [`d-${seq}`], { sequence: seq });
          const res = await h.request('POST', '/cosmos/tx/v1beta1/txs', { tx_bytes: signed.txBytesBase64, mode: 'BROADCAST_MODE_SYNC' });
          hashes.push(res.body.tx_response.txhash);
        }
        await h.produceBlocks(3);
        const txs = await Promise.all(hashes.map((hash) => h.request('GET', `/cosmos/tx/v1beta1/txs/${hash}`)));
        const book = await h.request('GET', `/injective/exchange/v2/spot/orderbook/${spot.id}`);
        const mainnetBook = await h.request('GET', `/injective/exchange/v2/spot/orderbook/0xa508cb32923323679f29a032c70342c147c17d0145625922b0ef22e955c844c0?limit=5`);
        return { txs, book: book.body, mainnetBook: mainnetBook.body };
      } finally {
        await h.close();
      }
    };
    const [first, second] = [await run(), await run()];
    expect(second).toEqual(first);
    expect(first.txs.some((t) => t.status === 200)).toBe(true);
  });
});

describe('injective-sim as a public node', () => {
  it('sends the latest height in Grpc-Metadata-X-Cosmos-Block-Height and refuses the requests of one IP beyond its limit with 429', async () => {
    const h = await startSim({ rateLimitPerSecond: 5, rateLimitBurst: 5 });
    try {
      await h.produceBlocks(3);
      const url = `${h.sim.url}/cosmos/bank/v1beta1/balances/${h.alice.injAddress}`;
      // 8 requests at once from one IP: 5 answered in this second, 3 refused
      const replies = await Promise.all(Array.from({ length: 8 }, () => fetch(url)));
      const statuses = replies.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
      expect(replies.every((r) => r.headers.get('grpc-metadata-x-cosmos-block-height') === '3')).toBe(true);
      const refused = replies.find((r) => r.status === 429)!;
      expect(await refused.json()).toEqual({ code: 8, message: 'injective-sim: more than 5 requests/s from one IP', details: [] });
      // the admin API is not the chain's: never limited, and it counts the refusals
      const state = await h.request('GET', '/sim/admin/state');
      expect(state.body.rateLimit).toEqual({ perSecond: 5, burst: 5, refused: 3 });
    } finally {
      await h.close();
    }
  });
});

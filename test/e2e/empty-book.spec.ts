import type { Stack } from '@mirrorbook/testing/stack';
import { eventually } from '@mirrorbook/testing';
import { startBlockPacer, type BlockPacer } from './support/block.pacer';
import { botBook, calmPrice, figuresText, firstHeightWhere, note, reportedHeight, startScenario, waitForMainnetBook, type BookFigures } from './support/e2e.fixture';

const MARKET = 'inj-usdt';

describe('e2e: an empty testnet book', () => {
  let stack: Stack;
  let pacer: BlockPacer;

  beforeAll(async () => {
    stack = await startScenario({
      markets: [MARKET],
      // blocks one bot turn at a time, so that "2 blocks" counts the bot's turns on a loaded machine too
      paced: true,
      // configured but stopped: the test starts it from the gateway and counts blocks from there
      bots: [{ id: 'spot', wallet: 'w1', markets: [MARKET], enabled: false }],
      sim: { exchange: { pairs: { [MARKET]: { price: calmPrice('25'), testnetInitial: { kind: 'empty' } } } } },
    });
    pacer = await startBlockPacer(stack, { market: MARKET });
    // the feed has published the empty book and the reference before the bot starts
    await eventually(async () => (await stack.tob(MARKET, 'mainnet')).mid !== null, 30_000, 'a mainnet mid');
    await eventually(() => (stack.bus.counts.get('md') ?? 0) > 0, 30_000, 'market data on NATS');
    await waitForMainnetBook(stack, MARKET);
    await pacer.waitBlocks(3);
  }, 240_000);
  afterAll(async () => {
    await pacer?.stop();
    await stack?.stop();
  });

  it('is filled with >= 54 bot orders on both sides, spread <= 0.1 %, within 2 blocks of the bot starting', async () => {
    const before = await botBook(stack, 'w1', MARKET);
    expect(before.orders).toBe(0);
    expect(await stack.tob(MARKET, 'testnet')).toEqual({ bid: null, ask: null, mid: null });

    const started = await stack.height();
    pacer.botRunning();
    const res = await stack.gateway('POST', '/api/bots/spot/start');
    expect(res.status).toBe(200);

    let last: BookFigures | undefined;
    const full = (b: BookFigures) => b.orders >= 54 && b.bids > 0 && b.asks > 0 && b.spreadPct !== null && b.spreadPct <= 0.1;
    const seenAt = await firstHeightWhere(
      stack,
      async () => {
        last = await botBook(stack, 'w1', MARKET);
        return { height: last.height, ok: full(last) };
      },
      started + 20,
    );
    expect(last && full(last)).toBe(true);
    // the block from which the chain held that full book: the inclusion height of the txs that
    // created its orders (the executor's reports), not the height next to the poll that saw it
    const at = await reportedHeight(stack, 'w1', last!.orderHashes, 'created');
    note(`empty book: started at height ${started}, full at ${at} (${at - started} blocks), seen at ${seenAt}: ${figuresText(last)}; turns: ${pacer.summary()}`);
    expect(at).toBeLessThanOrEqual(seenAt);
    expect(at - started).toBeLessThanOrEqual(2);
  }, 120_000);
});

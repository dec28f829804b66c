import type { Stack } from '@mirrorbook/testing/stack';
import { startBlockPacer, type BlockPacer } from './support/block.pacer';
import { eventually } from '@mirrorbook/testing';
import { blocksToSettle, botBook, calmPrice, diagnose, gapPct, note, startScenario, timeline, traceGap, traceText } from './support/e2e.fixture';

const MARKET = 'inj-usdt';

describe('e2e: mainnet jumps 10 % in one step', () => {
  let stack: Stack;
  let pacer: BlockPacer;

  beforeAll(async () => {
    stack = await startScenario({
      markets: [MARKET],
      paced: true,
      bots: [{ id: 'spot', wallet: 'w1', markets: [MARKET] }],
      sim: { exchange: { pairs: { [MARKET]: { price: calmPrice('25'), testnetInitial: { kind: 'empty' } } } } },
    });
    pacer = await startBlockPacer(stack, { market: MARKET });
    pacer.botRunning();
    // the running bot has built its book around 25 and maintained it for a while (steady state)
    await eventually(async () => (await botBook(stack, 'w1', MARKET)).orders >= 54, 60_000, 'a full book');
    await eventually(async () => ((await gapPct(stack, MARKET)).gapPct ?? 100) < 0.5, 60_000, 'testnet within 0.5 %');
    await pacer.waitBlocks(25);
  }, 240_000);
  afterAll(async () => {
    await pacer?.stop();
    await stack?.stop();
  });

  it('is followed by testnet to within 1 % in <= 5 blocks', async () => {
    const target = 27.5;
    const before = await botBook(stack, 'w1', MARKET);
    const t0 = Date.now();
    await stack.simAdmin('price', { marketId: stack.pair(MARKET).mainnetMarketId, price: String(target) });
    const jumpedAt = await stack.height();
    // a reading counts once the mainnet book shows the new price (the sim redraws its depth each block)
    const trace = await traceGap(stack, MARKET, jumpedAt, 12, [1], (g) => g.mainnet !== null && Math.abs(g.mainnet - target) / target < 0.005);
    const settled = blocksToSettle(trace, 1);
    note(`mainnet jump (spot) 25 → ${target} at height ${jumpedAt}, ${before.orders} bot orders: (blocks:gap%) ${traceText(trace)}; within 1 % for good after ${settled} blocks; turns: ${pacer.summary()}`);
    if (settled === 'never' || settled > 5) note(`${await diagnose(stack)}\n  ${timeline(stack, t0)}`);
    expect(settled).not.toBe('never');
    expect(settled).toBeLessThanOrEqual(5);
  }, 120_000);
});

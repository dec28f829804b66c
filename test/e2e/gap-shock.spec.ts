import type { Stack } from '@mirrorbook/testing/stack';
import { startBlockPacer, type BlockPacer } from './support/block.pacer';
import { eventually } from '@mirrorbook/testing';
import { blocksToSettle, calmPrice, diagnose, gapPct, gapsFrom, note, startScenario, timeline, traceGap, traceText } from './support/e2e.fixture';

const MARKET = 'inj-usdt';

describe('e2e: a testnet book mispriced by 30 % with depth', () => {
  let stack: Stack;
  let pacer: BlockPacer;

  beforeAll(async () => {
    stack = await startScenario({
      markets: [MARKET],
      paced: true,
      // MARKET_MOVING pushes with 3-5 orders of 50-100 % of baseSize a cycle: 25 INJ lets a cycle take
      // ≈ 75 INJ ≈ 2,400 USDT of the legacy bids (the taker cap is 5,000 USDT a cycle)
      bots: [{ id: 'spot', wallet: 'w1', markets: [MARKET], params: { baseSize: '25' }, enabled: false }],
      sim: {
        exchange: {
          pairs: {
            [MARKET]: {
              price: calmPrice('25'),
              // 2 × 20 resting orders of a legacy trader around 32.50 (±0.1-1.4 %), 2.5 INJ growing 10 % a
              // level: ≈ 143 INJ ≈ 4,650 USDT a side, less than one cycle's taker cap
              testnetInitial: { kind: 'mispriced', offset: 0.3, ladder: { levelsPerSide: 20, spread: 0.002, levelGrowth: 1.15, baseQuantity: '2.5', sizeGrowth: 1.1 } },
            },
          },
        },
      },
    });
    pacer = await startBlockPacer(stack, { market: MARKET });
    await eventually(async () => (await gapPct(stack, MARKET)).gapPct !== null, 30_000, 'both mids');
    await pacer.waitBlocks(3);
  }, 240_000);
  afterAll(async () => {
    await pacer?.stop();
    await stack?.stop();
  });

  it('is pulled within 2 % of mainnet in <= 5 blocks and within 0.5 % after 10', async () => {
    const initial = await gapPct(stack, MARKET);
    expect(initial.gapPct).toBeGreaterThan(25);
    const t0 = Date.now();
    const started = await stack.height();
    pacer.botRunning();
    expect((await stack.gateway('POST', '/api/bots/spot/start')).status).toBe(200);

    const trace = await traceGap(stack, MARKET, started, 15, [2, 0.5]);
    const settled2 = blocksToSettle(trace, 2);
    const late = gapsFrom(trace, 10);
    note(`gap shock (spot): initial ${initial.gapPct?.toFixed(2)} %; first gap per block since start (blocks:gap%) ${traceText(trace)}; within 2 % for good after ${settled2} blocks; within 0.5 % for good after ${blocksToSettle(trace, 0.5)} blocks; max gap from block 10 ${Math.max(...late.map((g) => g ?? 100)).toFixed(3)} %; turns: ${pacer.summary()}`);
    if (process.env.E2E_TIMELINE || settled2 === 'never' || settled2 > 5) note(`${await diagnose(stack)}\n  ${timeline(stack, t0)}`);
    expect(settled2).not.toBe('never');
    expect(settled2).toBeLessThanOrEqual(5);
    // every reading from block 10 on, not one lucky one
    expect(late.length).toBeGreaterThan(0);
    expect(late.filter((g) => g === null || g > 0.5)).toEqual([]);
  }, 120_000);
});

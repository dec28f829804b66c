import type { Stack } from '@mirrorbook/testing/stack';
import { startBlockPacer, type BlockPacer } from './support/block.pacer';
import { eventually } from '@mirrorbook/testing';
import { blocksToSettle, calmPrice, diagnose, gapPct, gapsFrom, note, startScenario, timeline, traceGap, traceText, type GapTrace } from './support/e2e.fixture';
import { PERP as MARKET, PERP_CAP as CAP, watchPosition } from './support/perp.positions';

describe('e2e: INJ/USDT PERP mispriced by 30 % with depth', () => {
  let stack: Stack;
  let pacer: BlockPacer;
  let trace: GapTrace;
  let maxPosition = 0;
  let t0 = 0;

  beforeAll(async () => {
    stack = await startScenario({
      markets: [MARKET],
      paced: true,
      // pushes of 3-5 orders of 5-10 contracts a cycle; the legacy bids (20 levels, ≈ 33 contracts)
      // fit in the position cap, which also bounds how much the bot may take
      bots: [{ id: 'perp', wallet: 'w1', markets: [MARKET], params: { baseSize: '10' }, enabled: false }],
      sim: {
        exchange: {
          pairs: {
            [MARKET]: {
              price: calmPrice('25'),
              testnetInitial: { kind: 'mispriced', offset: 0.3, ladder: { levelsPerSide: 20, spread: 0.002, levelGrowth: 1.15, baseQuantity: '1', sizeGrowth: 1.05 } },
              // light takers: they must not eat the legacy ladder before the bot starts
              takers: { lambdaPerBlock: 0.5, minQuantity: '0.1', maxQuantity: '0.3' },
            },
          },
        },
      },
    });
    pacer = await startBlockPacer(stack, { market: MARKET });
    await eventually(async () => (await gapPct(stack, MARKET)).gapPct !== null, 30_000, 'both mids');
    await pacer.waitBlocks(3);
    const initial = await gapPct(stack, MARKET);
    expect(initial.gapPct).toBeGreaterThan(25);
    const position = watchPosition(stack, 'w1');
    const started = await stack.height();
    t0 = Date.now();
    pacer.botRunning();
    expect((await stack.gateway('POST', '/api/bots/perp/start')).status).toBe(200);
    trace = await traceGap(stack, MARKET, started, 15, [2, 0.5]);
    maxPosition = (await position.stop()).max;
    note(`perp gap shock: initial ${initial.gapPct?.toFixed(2)} %; (blocks:gap%) ${traceText(trace)}; within 2 % for good after ${blocksToSettle(trace, 2)} blocks; within 0.5 % for good after ${blocksToSettle(trace, 0.5)}; max |net| ${maxPosition} (cap ${CAP}); turns: ${pacer.summary()}`);
  }, 300_000);
  afterAll(async () => {
    await pacer?.stop();
    await stack?.stop();
  });

  it('is pulled within 2 % of mainnet in <= 5 blocks', async () => {
    const settled = blocksToSettle(trace, 2);
    if (process.env.E2E_TIMELINE || settled === 'never' || settled > 5) note(`${await diagnose(stack)}\n  ${timeline(stack, t0)}`);
    expect(settled).not.toBe('never');
    expect(settled).toBeLessThanOrEqual(5);
  });

  it('stays within 0.5 % from block 10 on', async () => {
    const late = gapsFrom(trace, 10);
    if (late.some((g) => g === null || g > 0.5)) note(`${await diagnose(stack)}\n  ${timeline(stack, t0)}`);
    expect(late.length).toBeGreaterThan(0);
    expect(late.filter((g) => g === null || g > 0.5)).toEqual([]);
  });

  it('keeps the net position it took under the cap', () => {
    expect(maxPosition).toBeLessThanOrEqual(CAP);
  });
});

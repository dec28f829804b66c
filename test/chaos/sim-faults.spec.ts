import { metricSum, type Stack } from '@mirrorbook/testing/stack';
import { eventually } from '@mirrorbook/testing';
import { botBook, calmPrice, gapPct, IntentLedger, note, startScenario } from '../e2e/support/e2e.fixture';
import { duplicateOrders, keyLeaks, seededRandom, settle } from './support/chaos.fixture';

const MARKETS = ['inj-usdt', 'inj-usdt-perp'];
const WALLETS = ['w1', 'w2'];
const BLOCKS = 500;
const RATE = 0.1;

describe('chaos: sim faults at 10 % for 500 blocks', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startScenario({
      markets: MARKETS,
      bots: WALLETS.map((w) => ({ id: `bot-${w}`, wallet: w, markets: MARKETS })),
      sim: { exchange: { pairs: { 'inj-usdt': { price: calmPrice('25'), takers: { lambdaPerBlock: 0.5 } }, 'inj-usdt-perp': { price: calmPrice('25'), takers: { lambdaPerBlock: 0.5 } } } } },
    });
    for (const w of WALLETS) for (const key of MARKETS) await eventually(async () => (await botBook(stack, w, key)).orders >= 54, 60_000, `a full ${key} book of ${w}`);
  }, 240_000);
  afterAll(async () => stack?.stop());

  it('applies >= 99 % of the intents under 5xx, 429, dropped broadcasts, stuck mempools and sequence drift', async () => {
    const random = seededRandom(500);
    const started = await stack.height();
    const since = Date.now();
    await stack.simAdmin('faults', { http5xxRate: RATE, http429Rate: RATE, dropBroadcastRate: RATE });
    const injected = { stuck: 0, drift: 0 };
    let h = started;
    let worstGap = 0;
    while (h < started + BLOCKS) {
      const next = await stack.waitBlocks(1, 60_000);
      // each block: a stuck mempool with probability 10 %, a sequence drift of one wallet with 10 %
      for (let b = h; b < next; b++) {
        if (random() < RATE) {
          await stack.simAdmin('faults', { stuckMempoolBlocks: 1 });
          injected.stuck += 1;
        }
        if (random() < RATE) {
          const w = stack.wallet(WALLETS[Math.floor(random() * WALLETS.length)]!);
          await stack.simAdmin('faults', { sequenceDrift: [{ address: w.wallet.injAddress, by: 1 }] });
          injected.drift += 1;
        }
      }
      h = next;
      if ((h - started) % 50 === 0) {
        for (const key of MARKETS) worstGap = Math.max(worstGap, (await gapPct(stack, key).catch(() => ({ gapPct: null }))).gapPct ?? 0);
        note(`sim faults: block ${h - started}/${BLOCKS}, ${JSON.stringify(new IntentLedger(stack.bus).tally(undefined).counts)}`);
      }
    }
    await stack.simAdmin('faults', { reset: true });
    const { pausedAt, ledger } = await settle(stack, WALLETS.map((w) => `bot-${w}`));
    const tally = ledger.tally(undefined, pausedAt - 2000);
    const sim = await stack.simState();
    let mismatches = 0;
    let breakerTrips = 0;
    for (const name of stack.procs.keys()) {
      if (!name.startsWith('executor-')) continue;
      const text = await stack.metrics(name);
      mismatches += metricSum(text, 'mirrorbook_executor_sequence_mismatches_total');
      breakerTrips += metricSum(text, 'mirrorbook_executor_breaker_trips_total');
    }
    const duplicates = await duplicateOrders(stack, WALLETS, MARKETS);
    note(
      `sim faults: ${h - started} blocks in ${Math.round((Date.now() - since) / 1000)} s, injected ${JSON.stringify(injected)}; intents ${JSON.stringify(tally)}; ` +
        `sequence mismatches ${mismatches} (recovered), breaker trips ${breakerTrips}; worst gap at a 50-block check ${worstGap.toFixed(2)} %; duplicates ${JSON.stringify(duplicates)}; sim ${JSON.stringify(sim)}`,
    );
    expect(tally.counts.none ?? 0).toBe(0);
    expect(tally.appliedOfExecutablePct).toBeGreaterThanOrEqual(99);
    expect({ cids: duplicates.cids, onChain: duplicates.onChain }).toEqual({ cids: [], onChain: [] });
    for (const [name, proc] of stack.procs) expect({ name, running: proc.running }).toEqual({ name, running: true });
    expect(stack.logs()).not.toMatch(/uncaught exception|unhandled rejection/);
  }, 1_200_000);

  it('never shows a wallet key: not in a log line, a NATS message of the run or a Redis value', async () => {
    const leaks = await keyLeaks(stack);
    note(`key check (sim faults): ${JSON.stringify(leaks)}`);
    expect(leaks).toMatchObject({ logs: 0, nats: 0, redis: 0 });
    expect(leaks.messages).toBeGreaterThan(1000);
  });
});

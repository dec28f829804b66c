import { reportMarkers } from '@mirrorbook/contracts';
import type { IntentRecorder } from './support/intent.recorder';
import { eventually, metricSum, StrategyRig, type Seeder, type Worker } from './support/strategy.fixture';

const MARKET = 'atom-usdt';
const BOT = 'b1';
const WALLET = 'w1';
const AWAIT_REPORT_MS = 3000;

// One intent in flight per bot and market: a worker plans a bot again only once the executor has
// reported on its last intent (or after STRATEGY_AWAIT_REPORT_MS), so two plans made from the same
// own-order view never stack (the executor stores the orders of a tx before it reports on it).
describe('a strategy worker waiting for the report of the last intent, against real NATS and Redis', () => {
  let rig: StrategyRig;
  let worker: Worker;
  let intents: IntentRecorder;
  let seed: Seeder;
  let bookSeq = 0;

  beforeAll(async () => {
    rig = await StrategyRig.start();
    ({ seed, intents } = rig);
    worker = await rig.worker('strategy-await', { STRATEGY_AWAIT_REPORT_MS: String(AWAIT_REPORT_MS) });
    await seed.balances(WALLET);
    await seed.status(MARKET, 'fresh');
    await seed.reference(MARKET, '8');
  });

  afterAll(() => rig?.stop());

  const awaiting = () => metricSum(worker, 'mirrorbook_strategy_skips_total', { market: MARKET, reason: 'awaiting-report' });

  /** Publishes the next book and, unless `planned`, waits for its skip as awaiting-report. */
  async function book(planned: boolean): Promise<number> {
    const seq = ++bookSeq;
    const before = await awaiting();
    // the feed stores its latest book as it publishes it
    await seed.storedBook(MARKET, seq);
    await seed.book(MARKET, seq);
    if (planned) await intents.waitFor(BOT, MARKET, seq);
    else await eventually(awaiting, before + 1);
    return seq;
  }

  it('plans one book, then skips the next ones as awaiting-report while its intent is unreported', async () => {
    const first = await book(true);
    await book(false);
    await book(false);
    expect(intents.of(BOT, MARKET)).toHaveLength(1);
    expect(intents.of(BOT, MARKET, first)).toHaveLength(1);
  });

  it('keeps waiting on a report that announces more (a failed tx that will be retried)', async () => {
    const [last] = intents.of(BOT, MARKET);
    await seed.report(WALLET, [last.payload.id], 'failed', `broadcast timed out${reportMarkers.willRetry}`);
    await book(false);
    expect(intents.of(BOT, MARKET)).toHaveLength(1);
  });

  it('ignores the report of another wallet naming the intent', async () => {
    const [last] = intents.of(BOT, MARKET);
    await seed.report('w2', [last.payload.id]);
    await book(false);
    expect(intents.of(BOT, MARKET)).toHaveLength(1);
  });

  it('plans at once from the stored latest book when the final report comes, without a new snapshot', async () => {
    const [last] = intents.of(BOT, MARKET);
    const latest = bookSeq;
    await seed.report(WALLET, [last.payload.id]);
    await intents.waitFor(BOT, MARKET, latest);
    expect(intents.of(BOT, MARKET)).toHaveLength(2);
    // and the new intent is waited for in turn
    await book(false);
  });

  it('plans again without a report once STRATEGY_AWAIT_REPORT_MS has passed (an executor that never answers)', async () => {
    const before = await awaiting();
    let seq = bookSeq;
    // a book every 250 ms until one is planned
    await eventually(
      async () => {
        seq = ++bookSeq;
        await seed.storedBook(MARKET, seq);
        await seed.book(MARKET, seq);
        await new Promise((resolve) => setTimeout(resolve, 250));
        return intents.of(BOT, MARKET, seq).length;
      },
      1,
      AWAIT_REPORT_MS + 5000,
    );
    const [, unreported, next] = intents.of(BOT, MARKET).map((i) => i.payload as { id: string; ts: number });
    expect(next.ts - unreported.ts).toBeGreaterThanOrEqual(AWAIT_REPORT_MS);
    expect(next.id).not.toBe(unreported.id);
    expect(await awaiting()).toBeGreaterThan(before);
  });
});

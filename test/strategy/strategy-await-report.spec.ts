import { reportMarkers } from '@mirrorbook/contracts';
import { eventually } from '@mirrorbook/testing';
import type { IntentRecorder } from './support/intent.recorder';
import { metricSum, StrategyRig, type Seeder, type Worker } from './support/strategy.fixture';

const MARKET = 'atom-usdt';
const BOT = 'b1';
const WALLET = 'w1';
/**
 * The wait of the first worker: longer than this spec can run (each test is bounded by jest's
 * 60 s), so an unreported intent is still awaited whatever the machine's load: the skips below
 * are the wait's doing, never a race against its expiry.
 */
const HOLD_MS = 600_000;
/** The wait of the second worker, whose expiry is what the last test observes. */
const EXPIRY_MS = 3000;
/** Neither the seeded reference nor a stored book ages out while the spec runs. */
const FRESH = { STRATEGY_REFERENCE_MAX_AGE_MS: '600000', STRATEGY_BOOK_MAX_AGE_MS: '600000' };

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
    worker = await rig.worker('strategy-await', { ...FRESH, STRATEGY_AWAIT_REPORT_MS: String(HOLD_MS) });
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
    else await eventually(async () => (await awaiting()) === before + 1, 10_000, `the awaiting-report skip of book ${seq}`);
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

  // a second worker (the first leaves the queue group) with a short wait, on INJ/USDT, where b1
  // has no intent awaited yet (b2 quotes it too, but w2 has no balances: it is skipped before any wait)
  describe('when the executor never reports on the last intent', () => {
    const OTHER = 'inj-usdt';
    const BOTS_ON_OTHER = 2;
    let expiring: Worker;
    const metric = (name: string, labels: Record<string, string> = {}) => metricSum(expiring, name, { market: OTHER, ...labels });

    beforeAll(async () => {
      await worker.proc.stop('SIGTERM', 15_000);
      expiring = await rig.worker('strategy-await-expiry', { ...FRESH, STRATEGY_AWAIT_REPORT_MS: String(EXPIRY_MS) });
      await seed.status(OTHER, 'fresh');
      await seed.reference(OTHER, '25');
    });

    /** Publishes the next book and waits until the worker has evaluated every bot on it. */
    async function evaluatedBook(): Promise<number> {
      const seq = ++bookSeq;
      const before = await metric('mirrorbook_strategy_evaluations_total');
      await seed.storedBook(OTHER, seq);
      await seed.book(OTHER, seq);
      await eventually(
        async () => (await metric('mirrorbook_strategy_evaluations_total')) === before + BOTS_ON_OTHER,
        10_000,
        `an evaluation of book ${seq} per bot on ${OTHER}`,
      );
      return seq;
    }

    it('plans again without a report once STRATEGY_AWAIT_REPORT_MS has passed, refusing every book before as awaiting-report', async () => {
      const first = await evaluatedBook();
      await intents.waitFor(BOT, OTHER, first);
      const [planned, refused] = [await metric('mirrorbook_strategy_intents_total'), await metric('mirrorbook_strategy_skips_total', { reason: 'awaiting-report' })];
      // a book every 250 ms, each evaluated before the next (so none overtakes another), until the
      // worker plans b1 again; no report ever comes. The deadline only ends a broken run: ten waits.
      const deadline = Date.now() + 10 * EXPIRY_MS;
      let published = 0;
      let last = first;
      while ((await metric('mirrorbook_strategy_intents_total')) === planned) {
        if (Date.now() > deadline) throw new Error(`no second plan within ${10 * EXPIRY_MS} ms of the first (${published} books refused)`);
        await new Promise((resolve) => setTimeout(resolve, 250));
        last = await evaluatedBook();
        published += 1;
      }
      await intents.waitFor(BOT, OTHER, last);
      const [unreported, next] = intents.of(BOT, OTHER).map((i) => i.payload as { id: string; ts: number });
      expect(intents.of(BOT, OTHER)).toHaveLength(2);
      // the intents' ts is the worker's planning time: not a moment before the wait was over
      expect(next.ts - unreported.ts).toBeGreaterThanOrEqual(EXPIRY_MS);
      expect(next.id).not.toBe(unreported.id);
      // every book between the two plans was refused for the wait
      expect(await metric('mirrorbook_strategy_skips_total', { reason: 'awaiting-report' })).toBe(refused + published - 1);
    });
  });
});

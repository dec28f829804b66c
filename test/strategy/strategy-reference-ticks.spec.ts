import { eventually } from '@mirrorbook/testing';
import type { IntentRecorder } from './support/intent.recorder';
import { metricSum, StrategyRig, type Seeder, type Worker } from './support/strategy.fixture';

const MARKET = 'atom-usdt';
const BOT = 'b1';
const WALLET = 'w1';
/** Longer than the spec runs: every wait ends by a report, never by its expiry. */
const HOLD_MS = 600_000;
/** Neither the seeded reference nor the stored book ages out while the spec runs. */
const FRESH = { STRATEGY_REFERENCE_MAX_AGE_MS: '600000', STRATEGY_BOOK_MAX_AGE_MS: '600000' };
/** The one book of the spec, stored as the feed's latest and never published: a quiet testnet book between two heartbeats. */
const BOOK_SEQ = 1;

// docs/architecture.md#cadence: a reference move beyond the requote tolerance replans at once from
// the stored book, without waiting for the feed's next book snapshot
describe('a strategy worker taking reference ticks on a static book, against real NATS and Redis', () => {
  let rig: StrategyRig;
  let worker: Worker;
  let intents: IntentRecorder;
  let seed: Seeder;

  beforeAll(async () => {
    rig = await StrategyRig.start();
    ({ seed, intents } = rig);
    worker = await rig.worker('strategy-ticks', { ...FRESH, STRATEGY_AWAIT_REPORT_MS: String(HOLD_MS) });
    await seed.balances(WALLET);
    await seed.status(MARKET, 'fresh');
    await seed.storedBook(MARKET, BOOK_SEQ);
    // the bot never planned on the market: its first tick plans it
    await tick('8');
    await intents.waitFor(BOT, MARKET, BOOK_SEQ);
  });

  afterAll(() => rig?.stop());

  const metric = (name: string, labels: Record<string, string> = {}) => metricSum(worker, name, { market: MARKET, ...labels });
  const planned = () => intents.of(BOT, MARKET).map((i) => i.payload as { id: string; plans: { basedOn: { bookSeq: number; priceSeq: number; referencePrice: string } }[] });

  /**
   * Runs `action` and waits until the worker has handled the book it starts from to the end (every
   * bot evaluated or passed over), as `mirrorbook_strategy_snapshot_seconds` counts it.
   */
  async function handled<T>(what: string, action: () => Promise<T>): Promise<T> {
    const before = await metric('mirrorbook_strategy_snapshot_seconds_count');
    const result = await action();
    await eventually(async () => (await metric('mirrorbook_strategy_snapshot_seconds_count')) === before + 1, 10_000, what);
    return result;
  }

  /** Reports the bot's last intent applied; the report's replan from the stored book is superseded (the view was planned). */
  async function reportLast(): Promise<void> {
    const superseded = await metric('mirrorbook_strategy_skips_total', { reason: 'superseded' });
    await handled('the replan after the report', () => seed.report(WALLET, [planned().at(-1)!.id]));
    expect(await metric('mirrorbook_strategy_skips_total', { reason: 'superseded' })).toBe(superseded + 1);
  }

  /** Publishes a reference tick at `mid`, waits until the worker has handled it and returns its seq. */
  async function tick(mid: string): Promise<number> {
    const { seq } = await handled(`the tick at ${mid}`, () => seed.reference(MARKET, mid));
    return seq;
  }

  it('plans an intent from the tick and the stored book when the reference moved beyond the tolerance', async () => {
    await reportLast();
    const seq = await tick('8.1');
    await eventually(async () => planned().length === 2, 10_000, 'the intent planned from the tick reaching the recorder');
    expect(planned()[1]!.plans[0]!.basedOn).toEqual({ bookSeq: BOOK_SEQ, priceSeq: seq, referencePrice: '8.1' });
    // no book snapshot was ever published: both intents come from ticks
    expect(await metric('mirrorbook_strategy_snapshots_total')).toBe(0);
    expect(await metric('mirrorbook_strategy_tick_intents_total')).toBe(2);
  });

  it('does not evaluate a tick within the tolerance, and plans the next one beyond it', async () => {
    await reportLast();
    const evaluations = await metric('mirrorbook_strategy_evaluations_total');
    // ATOM/USDT's tick is 0.001, more than 8.1 × 0.01 % × 0.5: one tick is the allowance
    const still = await tick('8.101');
    const moved = await tick('8.103');
    await eventually(async () => planned().length === 3, 10_000, 'the intent planned from the second tick reaching the recorder');
    expect(planned()[2]!.plans[0]!.basedOn).toEqual({ bookSeq: BOOK_SEQ, priceSeq: moved, referencePrice: '8.103' });
    expect(planned().some((i) => i.plans[0]!.basedOn.priceSeq === still)).toBe(false);
    expect(await metric('mirrorbook_strategy_evaluations_total')).toBe(evaluations + 1);
    expect(await metric('mirrorbook_strategy_tick_intents_total')).toBe(3);
  });

  it('skips a moved tick as awaiting-report while the last intent is unreported', async () => {
    const awaiting = await metric('mirrorbook_strategy_skips_total', { reason: 'awaiting-report' });
    await tick('8.2');
    expect(await metric('mirrorbook_strategy_skips_total', { reason: 'awaiting-report' })).toBe(awaiting + 1);
    expect(await metric('mirrorbook_strategy_tick_intents_total')).toBe(3);
  });
});

import { batchIntentSchema } from '@mirrorbook/contracts';
import { bootstrapBots, eventually } from '@mirrorbook/testing';
import type { IntentRecorder } from './support/intent.recorder';
import { metricSum, StrategyRig, type Seeder, type Worker } from './support/strategy.fixture';

/**
 * STRATEGY_REFERENCE_MAX_AGE_MS (and the book's): longer than this spec can run, so a reference
 * seeded fresh in one test is still fresh in the later ones that plan from it, however loaded the
 * machine; the stale case seeds a tick older than that.
 */
const MAX_AGE_MS = 600_000;
/** Bots of the test config per market (see TEST_BOTS). */
const BOTS_ON: Record<string, number> = { 'inj-usdt': 2, 'atom-usdt': 1, 'inj-usdt-perp': 1 };

describe('a strategy worker deciding not to plan', () => {
  let rig: StrategyRig;
  let worker: Worker;
  let intents: IntentRecorder;
  let seed: Seeder;
  let bookSeq = 0;

  beforeAll(async () => {
    rig = await StrategyRig.start();
    ({ seed, intents } = rig);
    // no executor here to report on intents: planning does not wait for reports (strategy-await-report.spec does)
    worker = await rig.worker('strategy-skips', {
      STRATEGY_REFERENCE_MAX_AGE_MS: String(MAX_AGE_MS),
      STRATEGY_BOOK_MAX_AGE_MS: String(MAX_AGE_MS),
      STRATEGY_AWAIT_REPORT_MS: '0',
    });
    await Promise.all([seed.balances('w1'), seed.balances('w2')]);
  });

  afterAll(() => rig?.stop());

  const skips = (market: string, reason: string) => metricSum(worker, 'mirrorbook_strategy_skips_total', { market, reason });

  /** Publishes the next book of `market` and waits until the skip `reason` was counted for each of its bots. */
  async function skippedSnapshot(market: string, reason: string): Promise<number> {
    const before = await skips(market, reason);
    const seq = ++bookSeq;
    await seed.book(market, seq);
    await eventually(async () => (await skips(market, reason)) === before + BOTS_ON[market], 10_000, `a ${reason} skip of book ${seq} per bot on ${market}`);
    return seq;
  }

  describe('when the reference price is older than STRATEGY_REFERENCE_MAX_AGE_MS', () => {
    it('publishes no intent and counts the skip as reference-stale', async () => {
      await seed.reference('atom-usdt', '5', MAX_AGE_MS + 60_000);
      const seq = await skippedSnapshot('atom-usdt', 'reference-stale');
      expect(intents.of('b1', 'atom-usdt', seq)).toEqual([]);
    });

    it('plans again from the next snapshot once a fresh reference arrives', async () => {
      const tick = await seed.reference('atom-usdt', '5');
      const seq = ++bookSeq;
      await seed.book('atom-usdt', seq);
      await intents.waitFor('b1', 'atom-usdt', seq);
      const [intent] = intents.of('b1', 'atom-usdt', seq);
      expect(batchIntentSchema.safeParse(intent.payload).success).toBe(true);
      expect(intent.payload.plans[0].basedOn).toEqual({ bookSeq: seq, priceSeq: tick.seq, referencePrice: '5' });
      expect(intents.of('b1', 'atom-usdt').map((i) => i.payload.plans[0].basedOn.bookSeq)).toEqual([seq]);
    });
  });

  describe('when no reference price was ever seen', () => {
    it('publishes no intent and counts reference-missing', async () => {
      const seq = await skippedSnapshot('inj-usdt', 'reference-missing');
      expect(intents.of('b1', 'inj-usdt', seq)).toEqual([]);
    });
  });

  describe('when the feed reports the reference side stale or down', () => {
    beforeAll(() => seed.reference('inj-usdt', '25'));

    it('publishes no intent while the status says stale (feed-stale)', async () => {
      await seed.status('inj-usdt', 'stale');
      const seq = await skippedSnapshot('inj-usdt', 'feed-stale');
      expect(intents.of('b1', 'inj-usdt', seq)).toEqual([]);
    });

    it('publishes no intent while the status says down (feed-down)', async () => {
      await seed.status('inj-usdt', 'down');
      const seq = await skippedSnapshot('inj-usdt', 'feed-down');
      expect(intents.of('b1', 'inj-usdt', seq)).toEqual([]);
    });

    it('plans again once the status is fresh', async () => {
      await seed.status('inj-usdt', 'fresh');
      const seq = ++bookSeq;
      await seed.book('inj-usdt', seq);
      await intents.waitFor('b1', 'inj-usdt', seq);
    });
  });

  describe('when a book snapshot is not newer than the last one planned from', () => {
    let planned: number;

    beforeAll(async () => {
      planned = ++bookSeq;
      await seed.book('inj-usdt', planned);
      await intents.waitFor('b1', 'inj-usdt', planned);
    });

    it('skips a repeat of the same seq (a second feed instance) as superseded', async () => {
      const before = await skips('inj-usdt', 'superseded');
      await seed.book('inj-usdt', planned);
      await eventually(async () => (await skips('inj-usdt', 'superseded')) === before + BOTS_ON['inj-usdt'], 10_000, 'a superseded skip per bot on inj-usdt');
      expect(intents.of('b1', 'inj-usdt', planned)).toHaveLength(1);
    });

    it('skips an older seq arriving late as superseded', async () => {
      const before = await skips('inj-usdt', 'superseded');
      await seed.book('inj-usdt', planned - 1);
      await eventually(async () => (await skips('inj-usdt', 'superseded')) === before + BOTS_ON['inj-usdt'], 10_000, 'a superseded skip per bot on inj-usdt');
      expect(intents.of('b1', 'inj-usdt', planned - 1)).toHaveLength(1);
    });
  });

  describe('when Redis is away', () => {
    it('counts state-unavailable, keeps running and plans again once Redis is back', async () => {
      const ids = new Set(intents.of('b1', 'inj-usdt').map((i) => i.payload.id));
      await rig.servers.redis.stop();
      await skippedSnapshot('inj-usdt', 'state-unavailable');
      expect((await fetch(`${worker.url}/health`)).status).toBe(503);
      await rig.servers.redis.restart();
      await eventually(async () => (await fetch(`${worker.url}/health`)).status === 200, 30_000, 'a healthy worker');
      // a restarted Redis without persistence lost everything: seed it again, as the other services would
      await Promise.all([seed.balances('w1'), seed.balances('w2'), seed.status('inj-usdt', 'fresh'), seed.reference('inj-usdt', '25')]);
      // bots:bootstrap is gone too: no bot plans (fail closed) until an operator bootstraps again
      const lost = await skippedSnapshot('inj-usdt', 'bot-stopped');
      expect(intents.of('b1', 'inj-usdt', lost)).toEqual([]);
      await bootstrapBots(rig.servers.redis.url);
      const seq = ++bookSeq;
      await seed.book('inj-usdt', seq);
      await intents.waitFor('b1', 'inj-usdt', seq);
      // the lost cycle key restarts its index from the clock: no intent id comes back
      expect(ids.has(intents.of('b1', 'inj-usdt', seq)[0].payload.id)).toBe(false);
    });
  });

  describe('on a derivative market', () => {
    beforeAll(() => seed.reference('inj-usdt-perp', '25'));

    it('does not plan before the executor stored the wallet positions (account-unknown)', async () => {
      const seq = await skippedSnapshot('inj-usdt-perp', 'account-unknown');
      expect(intents.of('b3', 'inj-usdt-perp', seq)).toEqual([]);
    });

    it('plans from the stored position once it is there', async () => {
      await seed.positions('w3');
      const seq = ++bookSeq;
      await seed.book('inj-usdt-perp', seq);
      await intents.waitFor('b3', 'inj-usdt-perp', seq);
      const [intent] = intents.of('b3', 'inj-usdt-perp', seq);
      expect(batchIntentSchema.safeParse(intent.payload).success).toBe(true);
      expect(intent.payload).toMatchObject({ wallet: 'w3', bot: 'b3' });
      expect(intent.payload.plans[0].phase).toBe('BOOK_BUILDING');
    });
  });
});

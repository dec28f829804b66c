import type { NatsConnection } from 'nats';
import { batchIntentSchema, heartbeatSchema, type Heartbeat } from '@mirrorbook/contracts';
import { eventually } from '@mirrorbook/testing';
import type { IntentRecorder } from './support/intent.recorder';
import { metricSum, metricTotal, StrategyRig, type Seeder, type Worker } from './support/strategy.fixture';

const MARKET = 'inj-usdt';
const SNAPSHOTS = 20;

describe('strategy workers in the queue group against real NATS and Redis', () => {
  let rig: StrategyRig;
  let workers: Worker[] = [];
  let intents: IntentRecorder;
  let seed: Seeder;
  let referenceSeq: number;
  let bookSeq = 0;

  beforeAll(async () => {
    rig = await StrategyRig.start();
    ({ seed, intents } = rig);
    // no executor here to report on intents: planning does not wait for reports (strategy-await-report.spec does);
    // the reference seeded once below (and any book) stays fresh for longer than the spec can run
    const env = { STRATEGY_AWAIT_REPORT_MS: '0', STRATEGY_REFERENCE_MAX_AGE_MS: '600000', STRATEGY_BOOK_MAX_AGE_MS: '600000' };
    workers = await Promise.all([rig.worker('strategy-a', env), rig.worker('strategy-b', env)]);
    await Promise.all([seed.balances('w1'), seed.balances('w2')]);
    await seed.status(MARKET, 'fresh');
    referenceSeq = (await seed.reference(MARKET, '25')).seq;
  });

  afterAll(() => rig?.stop());

  /** Publishes the next book snapshot and waits for the intents of `expecting`. */
  async function snapshot(expecting: string[]): Promise<number> {
    const seq = ++bookSeq;
    await seed.book(MARKET, seq);
    await Promise.all(expecting.map((bot) => intents.waitFor(bot, MARKET, seq)));
    return seq;
  }

  describe('when book snapshots arrive one after another', () => {
    beforeAll(async () => {
      for (let i = 0; i < SNAPSHOTS; i++) await snapshot(['b1', 'b2']);
    });

    it('hands each snapshot to exactly one worker, and both workers take a share', async () => {
      const taken = await Promise.all(workers.map((w) => metricSum(w, 'mirrorbook_strategy_snapshots_total', { market: MARKET })));
      expect(taken[0] + taken[1]).toBe(SNAPSHOTS);
      expect(taken.every((n) => n > 0)).toBe(true);
    });

    it('publishes exactly one intent per bot and book seq', () => {
      for (let seq = 1; seq <= SNAPSHOTS; seq++) {
        expect({ seq, b1: intents.of('b1', MARKET, seq).length, b2: intents.of('b2', MARKET, seq).length }).toEqual({ seq, b1: 1, b2: 1 });
      }
    });

    it('publishes intents that validate against batchIntentSchema, on intent.<wallet>', () => {
      for (const { subject, payload } of intents.of('b1', MARKET).concat(intents.of('b2', MARKET))) {
        const parsed = batchIntentSchema.safeParse(payload);
        expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
        expect(subject).toBe(`intent.${payload.wallet}`);
      }
    });

    it('carries the book and reference seqs it was planned from and a deadline intentTtlMs (3 s) after planning', () => {
      const [first] = intents.of('b1', MARKET, 1);
      expect(first.payload).toMatchObject({ wallet: 'w1', bot: 'b1' });
      expect(first.payload.plans).toHaveLength(1);
      expect(first.payload.plans[0]).toMatchObject({
        market: MARKET,
        phase: 'BOOK_BUILDING',
        basedOn: { bookSeq: 1, priceSeq: referenceSeq, referencePrice: '25' },
      });
      expect(first.payload.deadline - first.payload.ts).toBe(3000);
    });

    it('never repeats an intent id or a client order id of a wallet', () => {
      for (const bot of ['b1', 'b2']) {
        const all = intents.of(bot, MARKET).map((i) => i.payload);
        const cids = all.flatMap((i) => i.plans[0].actions.filter((a: { type: string }) => a.type === 'create').map((a: { cid: string }) => a.cid));
        expect(new Set(all.map((i) => i.id)).size).toBe(SNAPSHOTS);
        expect(cids.length).toBeGreaterThan(SNAPSHOTS);
        expect(new Set(cids).size).toBe(cids.length);
      }
    });

    it('puts the intents into the INTENTS stream for the executors', async () => {
      const info = await (await rig.nc.jetstreamManager()).streams.info('INTENTS');
      expect(info.state.messages).toBe(2 * SNAPSHOTS);
    });

    it('reports evaluations and the last phase per market in its heartbeat', async () => {
      const beat = await nextHeartbeat(rig.nc, 'strategy-a');
      expect(heartbeatSchema.safeParse(beat).success).toBe(true);
      expect(beat.details).toMatchObject({ [`phase.${MARKET}`]: 'BOOK_BUILDING', [`last.${MARKET}`]: 'intent BOOK_BUILDING' });
      expect(beat.details?.evaluations).toBe(await metricSum(workers[0], 'mirrorbook_strategy_evaluations_total'));
    });
  });

  describe('when an operator stops a bot through Redis and bot.state', () => {
    afterAll(() => seed.botState('b1', 'running'));

    it('publishes no intent for it from the next snapshot on, and counts the skip', async () => {
      const before = await metricTotal(workers, 'mirrorbook_strategy_skips_total', { market: MARKET, reason: 'bot-stopped' });
      await seed.botState('b1', 'stopped');
      const seq = await snapshot(['b2']);
      expect(intents.of('b1', MARKET, seq)).toEqual([]);
      await eventually(
        async () => (await metricTotal(workers, 'mirrorbook_strategy_skips_total', { market: MARKET, reason: 'bot-stopped' })) === before + 1,
        10_000,
        'the bot-stopped skip counted',
      );
    });

    it('skips a paused bot too', async () => {
      await seed.botState('b1', 'paused');
      const seq = await snapshot(['b2']);
      expect(intents.of('b1', MARKET, seq)).toEqual([]);
      await eventually(
        async () => (await metricTotal(workers, 'mirrorbook_strategy_skips_total', { market: MARKET, reason: 'bot-paused' })) === 1,
        10_000,
        'the bot-paused skip counted',
      );
    });

    it('plans it from the stored latest book as soon as it runs again, before any new snapshot', async () => {
      const seq = ++bookSeq;
      await seed.storedBook(MARKET, seq);
      await seed.botState('b1', 'running');
      await intents.waitFor('b1', MARKET, seq);
    });

    it('plans for it again from the next snapshot once it runs again', async () => {
      await seed.botState('b1', 'running');
      await snapshot(['b1', 'b2']);
    });
  });

  it('ignores the reference side of a market (role reference books)', async () => {
    const before = await metricTotal(workers, 'mirrorbook_strategy_snapshots_total');
    await seed.book(MARKET, ++bookSeq, 'reference');
    await snapshot(['b1', 'b2']);
    expect(await metricTotal(workers, 'mirrorbook_strategy_snapshots_total')).toBe(before + 1);
  });

  it('ends every evaluation in exactly one intent or one counted skip', async () => {
    const [evaluations, published, skipped] = await Promise.all([
      metricTotal(workers, 'mirrorbook_strategy_evaluations_total'),
      metricTotal(workers, 'mirrorbook_strategy_intents_total'),
      metricTotal(workers, 'mirrorbook_strategy_skips_total'),
    ]);
    expect(evaluations).toBe(published + skipped);
    expect(published).toBe(intents.intents.length);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    expect(await workers[1].proc.stop('SIGTERM', 15_000)).toEqual({ code: 0, signal: null });
  });
});

/** The next heartbeat of a strategy instance. */
async function nextHeartbeat(nc: NatsConnection, instance: string): Promise<Heartbeat> {
  const sub = nc.subscribe(`svc.heartbeat.strategy.${instance}`, { max: 1 });
  for await (const msg of sub) return JSON.parse(new TextDecoder().decode(msg.data)) as Heartbeat;
  throw new Error(`no heartbeat from ${instance}`);
}

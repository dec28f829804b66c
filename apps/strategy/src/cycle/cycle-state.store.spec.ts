import Redis from 'ioredis';
import { startRedisServer, type TestRedisServer } from '@mirrorbook/testing';
import { CycleStateStore, cycleStateKey, type PlanView } from './cycle-state.store';

const NOW = 1_700_000_000_000;

describe('CycleStateStore against a real Redis', () => {
  let server: TestRedisServer;
  let redis: Redis;
  let store: CycleStateStore;

  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url);
    store = new CycleStateStore(redis);
  });

  afterAll(async () => {
    redis.disconnect();
    await server.stop();
  });

  beforeEach(() => redis.flushall());

  /** The view of book `bookSeq`, reference tick `priceSeq` (at `reference`) and mainnet book `refSeq`. */
  const view = (bookSeq: number, priceSeq = 1, reference = '25', refSeq = 0): PlanView => ({ bookSeq, priceSeq, refSeq, reference });
  /** A claim of book `bookSeq` with reference tick 1 that does not wait for reports unless told. */
  const claim = (bot: string, market: string, bookSeq: number, now: number, awaitReportMs = 0) => store.claim(bot, market, view(bookSeq), now, awaitReportMs);
  /** A commit of the cycle planned from book `bookSeq` and reference tick 1. */
  const commit = (bot: string, market: string, bookSeq: number, next: Parameters<CycleStateStore['commit']>[3]) => store.commit(bot, market, view(bookSeq), next);

  describe('the first claim of a bot on a market', () => {
    it('starts the cycle index at the planning time in ms and the stage at 0', async () => {
      expect(await claim('b1', 'inj-usdt', 5, NOW)).toEqual({ claimed: true, state: { index: NOW, stage: 0 } });
    });

    it('stores the next index, the stage and the book seq under strategy:cycle:<bot>:<mk>, expiring', async () => {
      await claim('b1', 'inj-usdt', 5, NOW);
      expect(await redis.hgetall(cycleStateKey('b1', 'inj-usdt'))).toEqual({
        index: String(NOW + 1),
        stage: '0',
        bookSeq: '5',
        priceSeq: '1',
        refSeq: '0',
        reference: '25',
        updatedAt: String(NOW),
      });
      expect(await redis.pttl('strategy:cycle:b1:inj-usdt')).toBeGreaterThan(0);
    });
  });

  it('hands out consecutive indices to newer books', async () => {
    await claim('b1', 'inj-usdt', 5, NOW);
    expect(await claim('b1', 'inj-usdt', 6, NOW + 700)).toEqual({ claimed: true, state: { index: NOW + 1, stage: 0 } });
  });

  it('refuses a book not newer than the last one claimed (superseded)', async () => {
    await claim('b1', 'inj-usdt', 5, NOW);
    expect(await claim('b1', 'inj-usdt', 5, NOW)).toEqual({ claimed: false, reason: 'superseded', lastBookSeq: 5, lastPriceSeq: 1 });
    expect(await claim('b1', 'inj-usdt', 4, NOW)).toEqual({ claimed: false, reason: 'superseded', lastBookSeq: 5, lastPriceSeq: 1 });
  });

  it('gives concurrent claims of different books distinct indices (no repeated client order ids)', async () => {
    await claim('b1', 'inj-usdt', 1, NOW);
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => claim('b1', 'inj-usdt', 2 + i, NOW)));
    const indices = claims.flatMap((c) => (c.claimed ? [c.state.index] : []));
    expect(new Set(indices).size).toBe(indices.length);
  });

  it('keeps bots and markets apart', async () => {
    await claim('b1', 'inj-usdt', 9, NOW);
    expect((await claim('b2', 'inj-usdt', 9, NOW + 1)).claimed).toBe(true);
    expect((await claim('b1', 'atom-usdt', 9, NOW + 2)).claimed).toBe(true);
  });

  describe('committing the maintenance stage', () => {
    it('hands the committed stage to the next claim', async () => {
      await claim('b1', 'inj-usdt', 5, NOW);
      expect(await commit('b1', 'inj-usdt', 5, { stage: 2 })).toBe(true);
      expect(await claim('b1', 'inj-usdt', 6, NOW)).toEqual({ claimed: true, state: { index: NOW + 1, stage: 2 } });
    });

    it('is ignored once a newer book was claimed meanwhile', async () => {
      await claim('b1', 'inj-usdt', 5, NOW);
      await claim('b1', 'inj-usdt', 6, NOW);
      expect(await commit('b1', 'inj-usdt', 5, { stage: 3 })).toBe(false);
      expect(await redis.hget(cycleStateKey('b1', 'inj-usdt'), 'stage')).toBe('0');
    });
  });

  describe('the time of the last maintenance (docs/architecture.md#cadence)', () => {
    it('hands the committed time to the next claim, with the stage, under maintainedAt', async () => {
      await claim('b1', 'inj-usdt', 5, NOW);
      expect(await commit('b1', 'inj-usdt', 5, { stage: 1, maintainedAtMs: NOW })).toBe(true);
      expect(await redis.hmget(cycleStateKey('b1', 'inj-usdt'), 'stage', 'maintainedAt')).toEqual(['1', String(NOW)]);
      expect(await claim('b1', 'inj-usdt', 6, NOW + 700)).toEqual({ claimed: true, state: { index: NOW + 1, stage: 1, maintainedAtMs: NOW } });
    });

    it('keeps the stored time when a commit carries none', async () => {
      await claim('b1', 'inj-usdt', 5, NOW);
      await commit('b1', 'inj-usdt', 5, { stage: 1, maintainedAtMs: NOW });
      await claim('b1', 'inj-usdt', 6, NOW + 700);
      await commit('b1', 'inj-usdt', 6, { stage: 2 });
      expect(await claim('b1', 'inj-usdt', 7, NOW + 1400)).toEqual({ claimed: true, state: { index: NOW + 2, stage: 2, maintainedAtMs: NOW } });
    });

    it('is ignored, like the stage, once a newer book was claimed meanwhile', async () => {
      await claim('b1', 'inj-usdt', 5, NOW);
      await claim('b1', 'inj-usdt', 6, NOW);
      expect(await commit('b1', 'inj-usdt', 5, { stage: 1, maintainedAtMs: NOW })).toBe(false);
      expect(await redis.hexists(cycleStateKey('b1', 'inj-usdt'), 'maintainedAt')).toBe(0);
    });

    it('reads a hash stored before the field existed as never maintained (due at once)', async () => {
      await redis.hset(cycleStateKey('b1', 'inj-usdt'), { index: '42', stage: '3', bookSeq: '5', updatedAt: String(NOW) });
      expect(await claim('b1', 'inj-usdt', 6, NOW + 700)).toEqual({ claimed: true, state: { index: 42, stage: 3 } });
    });
  });

  describe('waiting for the report of the last intent', () => {
    const WAIT = 5000;

    it('refuses newer books while the claimed cycle awaits its report, naming the cycle', async () => {
      const first = await claim('b1', 'inj-usdt', 5, NOW, WAIT);
      expect(first).toEqual({ claimed: true, state: { index: NOW, stage: 0 } });
      expect(await claim('b1', 'inj-usdt', 6, NOW + 500, WAIT)).toEqual({ claimed: false, reason: 'awaiting-report', awaitingIndex: NOW });
      expect(await redis.hmget(cycleStateKey('b1', 'inj-usdt'), 'awaiting', 'awaitingUntil', 'bookSeq')).toEqual([String(NOW), String(NOW + WAIT), '5']);
    });

    it('claims the refused book once the cycle is released, and then waits for the new one', async () => {
      await claim('b1', 'inj-usdt', 5, NOW, WAIT);
      await claim('b1', 'inj-usdt', 6, NOW + 500, WAIT);
      expect(await store.release('b1', 'inj-usdt', NOW)).toBe(true);
      expect(await claim('b1', 'inj-usdt', 6, NOW + 600, WAIT)).toEqual({ claimed: true, state: { index: NOW + 1, stage: 0 } });
      expect(await claim('b1', 'inj-usdt', 7, NOW + 700, WAIT)).toEqual({ claimed: false, reason: 'awaiting-report', awaitingIndex: NOW + 1 });
    });

    it('ignores the release of a cycle that is no longer awaited (a late report of an older intent)', async () => {
      await claim('b1', 'inj-usdt', 5, NOW, WAIT);
      await store.release('b1', 'inj-usdt', NOW);
      await claim('b1', 'inj-usdt', 6, NOW + 100, WAIT);
      expect(await store.release('b1', 'inj-usdt', NOW)).toBe(false);
      expect((await claim('b1', 'inj-usdt', 7, NOW + 200, WAIT)).claimed).toBe(false);
    });

    it('stops waiting after the wait (a report that never comes)', async () => {
      await claim('b1', 'inj-usdt', 5, NOW, WAIT);
      expect((await claim('b1', 'inj-usdt', 6, NOW + WAIT - 1, WAIT)).claimed).toBe(false);
      expect(await claim('b1', 'inj-usdt', 6, NOW + WAIT, WAIT)).toEqual({ claimed: true, state: { index: NOW + 1, stage: 0 } });
    });

    it('still refuses an old book as superseded first', async () => {
      await claim('b1', 'inj-usdt', 5, NOW, WAIT);
      expect(await claim('b1', 'inj-usdt', 5, NOW + 1, WAIT)).toEqual({ claimed: false, reason: 'superseded', lastBookSeq: 5, lastPriceSeq: 1 });
    });

    it('gives one of many concurrent claims of newer books the cycle (no two intents in flight)', async () => {
      const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => claim('b1', 'inj-usdt', 2 + i, NOW, WAIT)));
      expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    });

    it('does not wait when told not to (0), and a later claim clears an older wait', async () => {
      await claim('b1', 'inj-usdt', 5, NOW, 0);
      expect((await claim('b1', 'inj-usdt', 6, NOW + 1, 0)).claimed).toBe(true);
      expect(await redis.hexists(cycleStateKey('b1', 'inj-usdt'), 'awaiting')).toBe(0);
    });
  });

  // a reference tick replans from the stored book: the same book seq with a newer reference
  describe('claiming a view of the same book with a newer reference tick', () => {
    const WAIT = 5000;

    it('claims it, and records the tick and its reference', async () => {
      await store.claim('b1', 'inj-usdt', view(5, 10, '25'), NOW, 0);
      expect(await store.claim('b1', 'inj-usdt', view(5, 11, '25.01'), NOW + 100, 0)).toEqual({ claimed: true, state: { index: NOW + 1, stage: 0 } });
      expect(await redis.hmget(cycleStateKey('b1', 'inj-usdt'), 'bookSeq', 'priceSeq', 'reference')).toEqual(['5', '11', '25.01']);
      expect(await store.plannedReference('b1', 'inj-usdt')).toBe('25.01');
    });

    it('refuses the same view twice and an older tick of the same book (superseded)', async () => {
      await store.claim('b1', 'inj-usdt', view(5, 11), NOW, 0);
      expect(await store.claim('b1', 'inj-usdt', view(5, 11), NOW + 1, 0)).toEqual({ claimed: false, reason: 'superseded', lastBookSeq: 5, lastPriceSeq: 11 });
      expect(await store.claim('b1', 'inj-usdt', view(5, 10), NOW + 2, 0)).toEqual({ claimed: false, reason: 'superseded', lastBookSeq: 5, lastPriceSeq: 11 });
    });

    it('refuses an older book whatever its tick: the book orders views first', async () => {
      await store.claim('b1', 'inj-usdt', view(5, 11), NOW, 0);
      expect(await store.claim('b1', 'inj-usdt', view(4, 99), NOW + 1, 0)).toEqual({ claimed: false, reason: 'superseded', lastBookSeq: 5, lastPriceSeq: 11 });
      expect((await store.claim('b1', 'inj-usdt', view(6, 3), NOW + 2, 0)).claimed).toBe(true);
    });

    it('still waits for the last intent\'s report: a newer tick does not stack a second plan on the same view', async () => {
      await store.claim('b1', 'inj-usdt', view(5, 10), NOW, WAIT);
      expect(await store.claim('b1', 'inj-usdt', view(5, 11), NOW + 100, WAIT)).toEqual({ claimed: false, reason: 'awaiting-report', awaitingIndex: NOW });
      // the refused tick stays unplanned: it is claimed once the report came
      await store.release('b1', 'inj-usdt', NOW);
      expect((await store.claim('b1', 'inj-usdt', view(5, 11), NOW + 200, WAIT)).claimed).toBe(true);
    });

    it('gives one of many concurrent ticks of one book the cycle', async () => {
      const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => store.claim('b1', 'inj-usdt', view(5, 10 + i), NOW, WAIT)));
      expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    });

    it('commits the stage only for the view last claimed', async () => {
      await store.claim('b1', 'inj-usdt', view(5, 10), NOW, 0);
      await store.claim('b1', 'inj-usdt', view(5, 11), NOW, 0);
      expect(await store.commit('b1', 'inj-usdt', view(5, 10), { stage: 3 })).toBe(false);
      expect(await store.commit('b1', 'inj-usdt', view(5, 11), { stage: 2 })).toBe(true);
      expect(await redis.hget(cycleStateKey('b1', 'inj-usdt'), 'stage')).toBe('2');
    });

    it('claims the same book and tick again with a newer mainnet book, once, and refuses an older one', async () => {
      await store.claim('b1', 'inj-usdt', view(5, 11, '25', 3), NOW, 0);
      expect((await store.claim('b1', 'inj-usdt', view(5, 11, '25', 4), NOW + 1, 0)).claimed).toBe(true);
      expect((await store.claim('b1', 'inj-usdt', view(5, 11, '25', 4), NOW + 2, 0)).claimed).toBe(false);
      expect((await store.claim('b1', 'inj-usdt', view(5, 11, '25', 2), NOW + 3, 0)).claimed).toBe(false);
      // the tick orders views before the mainnet book
      expect((await store.claim('b1', 'inj-usdt', view(5, 10, '25', 9), NOW + 4, 0)).claimed).toBe(false);
      expect(await store.commit('b1', 'inj-usdt', view(5, 11, '25', 3), { stage: 3 })).toBe(false);
      expect(await store.commit('b1', 'inj-usdt', view(5, 11, '25', 4), { stage: 2 })).toBe(true);
    });

    it('claims a book planned before priceSeq was recorded again with any tick, once', async () => {
      await redis.hset(cycleStateKey('b1', 'inj-usdt'), { index: '42', stage: '0', bookSeq: '5', updatedAt: String(NOW) });
      expect(await store.plannedReference('b1', 'inj-usdt')).toBeUndefined();
      expect((await store.claim('b1', 'inj-usdt', view(5, 1), NOW, 0)).claimed).toBe(true);
      expect((await store.claim('b1', 'inj-usdt', view(5, 1), NOW, 0)).claimed).toBe(false);
    });

    it('reads an unparsable stored reference as none', async () => {
      await redis.hset(cycleStateKey('b1', 'inj-usdt'), { reference: 'NaN' });
      expect(await store.plannedReference('b1', 'inj-usdt')).toBeUndefined();
    });
  });
});

import Redis from 'ioredis';
import { startRedisServer, type TestRedisServer } from '@mirrorbook/testing';
import { CycleStateStore, cycleStateKey } from './cycle-state.store';

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

  describe('the first claim of a bot on a market', () => {
    it('starts the cycle index at the planning time in ms and the stage at 0', async () => {
      expect(await store.claim('b1', 'inj-usdt', 5, NOW)).toEqual({ claimed: true, state: { index: NOW, stage: 0 } });
    });

    it('stores the next index, the stage and the book seq under strategy:cycle:<bot>:<mk>, expiring', async () => {
      await store.claim('b1', 'inj-usdt', 5, NOW);
      expect(await redis.hgetall(cycleStateKey('b1', 'inj-usdt'))).toEqual({
        index: String(NOW + 1),
        stage: '0',
        bookSeq: '5',
        updatedAt: String(NOW),
      });
      expect(await redis.pttl('strategy:cycle:b1:inj-usdt')).toBeGreaterThan(0);
    });
  });

  it('hands out consecutive indices to newer books', async () => {
    await store.claim('b1', 'inj-usdt', 5, NOW);
    expect(await store.claim('b1', 'inj-usdt', 6, NOW + 700)).toEqual({ claimed: true, state: { index: NOW + 1, stage: 0 } });
  });

  it('refuses a book not newer than the last one claimed (superseded)', async () => {
    await store.claim('b1', 'inj-usdt', 5, NOW);
    expect(await store.claim('b1', 'inj-usdt', 5, NOW)).toEqual({ claimed: false, lastBookSeq: 5 });
    expect(await store.claim('b1', 'inj-usdt', 4, NOW)).toEqual({ claimed: false, lastBookSeq: 5 });
  });

  it('gives concurrent claims of different books distinct indices (no repeated client order ids)', async () => {
    await store.claim('b1', 'inj-usdt', 1, NOW);
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => store.claim('b1', 'inj-usdt', 2 + i, NOW)));
    const indices = claims.flatMap((c) => (c.claimed ? [c.state.index] : []));
    expect(new Set(indices).size).toBe(indices.length);
  });

  it('keeps bots and markets apart', async () => {
    await store.claim('b1', 'inj-usdt', 9, NOW);
    expect((await store.claim('b2', 'inj-usdt', 9, NOW + 1)).claimed).toBe(true);
    expect((await store.claim('b1', 'atom-usdt', 9, NOW + 2)).claimed).toBe(true);
  });

  describe('committing the maintenance stage', () => {
    it('hands the committed stage to the next claim', async () => {
      await store.claim('b1', 'inj-usdt', 5, NOW);
      expect(await store.commitStage('b1', 'inj-usdt', 5, 2)).toBe(true);
      expect(await store.claim('b1', 'inj-usdt', 6, NOW)).toEqual({ claimed: true, state: { index: NOW + 1, stage: 2 } });
    });

    it('is ignored once a newer book was claimed meanwhile', async () => {
      await store.claim('b1', 'inj-usdt', 5, NOW);
      await store.claim('b1', 'inj-usdt', 6, NOW);
      expect(await store.commitStage('b1', 'inj-usdt', 5, 3)).toBe(false);
      expect(await redis.hget(cycleStateKey('b1', 'inj-usdt'), 'stage')).toBe('0');
    });
  });
});

import { redisKeys } from '@mirrorbook/contracts';
import { book, startRedisServer, storedOrder, type TestRedisServer } from '@mirrorbook/testing';
import Redis from 'ioredis';
import { MarketStateReader } from './market-state.reader';

let server: TestRedisServer;
let redis: Redis;
beforeAll(async () => {
  server = await startRedisServer();
  redis = new Redis(server.url);
});
afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

describe('MarketStateReader', () => {
  const mainnet = (seq: number) => book({ role: 'reference', net: 'mainnet', market: 'inj-usdt', seq });

  it('parses the stored mainnet book again only when its text changed', async () => {
    const reader = new MarketStateReader(redis);
    await redis.set(redisKeys.latestRefBook('inj-usdt'), JSON.stringify(mainnet(1)));
    const first = (await reader.read('inj-usdt', 'spot', [])).refBook;
    const again = (await reader.read('inj-usdt', 'spot', [])).refBook;
    expect(first?.seq).toBe(1);
    // the same object: what planning derives from it (the depth curve's targets) is computed once
    expect(again).toBe(first);
    await redis.set(redisKeys.latestRefBook('inj-usdt'), JSON.stringify(mainnet(2)));
    expect((await reader.read('inj-usdt', 'spot', [])).refBook?.seq).toBe(2);
    await redis.del(redisKeys.latestRefBook('inj-usdt'));
    expect((await reader.read('inj-usdt', 'spot', [])).refBook).toBeUndefined();
  });

  it('reads a bot’s stored orders as they are now: an entry parsed again only when its text changed, removed ones gone', async () => {
    const reader = new MarketStateReader(redis);
    const bots = [{ id: 'b1', wallet: 'w1', markets: ['inj-usdt'], params: {}, enabled: true }];
    const key = redisKeys.orders('w1', 'inj-usdt');
    const [one, two] = [storedOrder(1), storedOrder(2)];
    await redis.hset(key, one.orderHash, JSON.stringify(one), two.orderHash, JSON.stringify(two));
    const first = (await reader.read('inj-usdt', 'spot', bots)).bots.get('b1')!.orders;
    expect(first.map((o) => o.orderHash).sort()).toEqual([one.orderHash, two.orderHash]);
    await redis.hset(key, two.orderHash, JSON.stringify({ ...two, quantity: '0.5' }));
    await redis.hdel(key, one.orderHash);
    const second = (await reader.read('inj-usdt', 'spot', bots)).bots.get('b1')!.orders;
    expect(second.map((o) => [o.orderHash, o.quantity])).toEqual([[two.orderHash, '0.5']]);
    await redis.hset(key, 'bad', '{"not":"an order"}');
    const third = (await reader.read('inj-usdt', 'spot', bots)).bots.get('b1')!.orders;
    expect(third.map((o) => o.orderHash)).toEqual([two.orderHash]);
    expect(third[0]).toBe(second[0]);
  });
});

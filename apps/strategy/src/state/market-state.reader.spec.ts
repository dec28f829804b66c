import { redisKeys } from '@mirrorbook/contracts';
import { book, startRedisServer, type TestRedisServer } from '@mirrorbook/testing';
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
});

import { connect } from 'nats';
import Redis from 'ioredis';
import { startTestServers, type TestServers } from '@mirrorbook/testing';

describe('the test harness', () => {
  let servers: TestServers;
  beforeAll(async () => {
    servers = await startTestServers();
  });
  afterAll(async () => servers?.stop());

  it('starts a NATS server with JetStream enabled', async () => {
    const nc = await connect({ servers: servers.nats.url });
    const jsm = await nc.jetstreamManager();
    const info = await jsm.getAccountInfo();
    expect(info.limits).toBeTruthy();
    await nc.close();
  });

  it('starts a Redis server without persistence', async () => {
    const redis = new Redis(servers.redis.url);
    await redis.set('k', 'v');
    expect(await redis.get('k')).toBe('v');
    expect(await redis.config('GET', 'save')).toEqual(['save', '']);
    redis.disconnect();
  });

  it('restarts NATS on the same port with its store', async () => {
    const nc = await connect({ servers: servers.nats.url });
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: 'KEEP', subjects: ['keep.>'] });
    await nc.close();
    await servers.nats.restart();
    const again = await connect({ servers: servers.nats.url });
    const names = (await (await again.jetstreamManager()).streams.list().next()).map((s) => s.config.name);
    expect(names).toContain('KEEP');
    await again.close();
  });
});

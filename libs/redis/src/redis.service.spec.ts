import { startRedisServer, type TestRedisServer } from '@mirrorbook/testing';
import { RedisService } from './redis.service';

describe('RedisService (real redis-server)', () => {
  let server: TestRedisServer;

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => server?.stop());

  it('fails a command Redis does not answer (the server frozen, its connection open) after the command timeout, and answers again once it thaws', async () => {
    const service = new RedisService({ url: server.url, commandTimeoutMs: 200 });
    try {
      expect(await service.client.ping()).toBe('PONG');
      await server.pause();
      try {
        await expect(service.client.get('any')).rejects.toThrow(/timed out/i);
        // the connection was never closed: only the timeout ended the wait
        expect(service.isReady()).toBe(true);
      } finally {
        await server.resume();
      }
      expect(await service.client.ping()).toBe('PONG');
    } finally {
      await service.onApplicationShutdown();
    }
  });
});

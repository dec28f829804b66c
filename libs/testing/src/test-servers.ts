import { bootstrapBots } from './bots-bootstrap.fixture';
import { startNatsServer, type TestNatsServer } from './nats.server';
import { startRedisServer, type TestRedisServer } from './redis.server';

export interface TestServers {
  nats: TestNatsServer;
  redis: TestRedisServer;
  /** environment pointing a service at these servers */
  env: { NATS_URL: string; REDIS_URL: string };
  stop(): Promise<void>;
}

/**
 * Starts a fresh NATS (JetStream) and Redis for one test file; call `stop()` in afterAll. Redis is
 * bootstrapped (`bots:bootstrap`, so configured bots run by their config default) unless
 * `bootstrapBots` is false; a `redis.restart()` loses it like any other key.
 */
export async function startTestServers(options: { bootstrapBots?: boolean } = {}): Promise<TestServers> {
  const [nats, redis] = await Promise.all([startNatsServer(), startRedisServer()]);
  if (options.bootstrapBots !== false) await bootstrapBots(redis.url);
  return {
    nats,
    redis,
    env: { NATS_URL: nats.url, REDIS_URL: redis.url },
    stop: async () => {
      await Promise.all([nats.stop(), redis.stop()]);
    },
  };
}

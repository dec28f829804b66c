import { startNatsServer, type TestNatsServer } from './nats.server';
import { startRedisServer, type TestRedisServer } from './redis.server';

export interface TestServers {
  nats: TestNatsServer;
  redis: TestRedisServer;
  /** environment pointing a service at these servers */
  env: { NATS_URL: string; REDIS_URL: string };
  stop(): Promise<void>;
}

/** Starts a fresh NATS (JetStream) and Redis for one test file; call `stop()` in afterAll. */
export async function startTestServers(): Promise<TestServers> {
  const [nats, redis] = await Promise.all([startNatsServer(), startRedisServer()]);
  return {
    nats,
    redis,
    env: { NATS_URL: nats.url, REDIS_URL: redis.url },
    stop: async () => {
      await Promise.all([nats.stop(), redis.stop()]);
    },
  };
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
 * Starts a fresh NATS (JetStream) and Redis for one test file; call `stop()` in afterAll.
 * `natsConfig`: nats-server config text (e.g. `jetstream { max_file_store: 20MB }`), run by the local binary.
 * Redis is bootstrapped (`bots:bootstrap`, so configured bots run by their config default) unless
 * `bootstrapBots` is false; a `redis.restart()` loses it like any other key.
 */
export async function startTestServers(options: { natsConfig?: string; bootstrapBots?: boolean } = {}): Promise<TestServers> {
  const configFile = options.natsConfig === undefined ? undefined : natsConfigFile(options.natsConfig);
  const [nats, redis] = await Promise.all([startNatsServer({ configFile }), startRedisServer()]);
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

function natsConfigFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'mb-nats-conf-')), 'nats.conf');
  writeFileSync(file, text);
  return file;
}

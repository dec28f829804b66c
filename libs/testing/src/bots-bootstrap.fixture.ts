import Redis from 'ioredis';
import { botsBootstrapSchema, redisKeys } from '@mirrorbook/contracts';

/**
 * Writes `bots:bootstrap` into the Redis at `redisUrl` (SET NX), the explicit step `npm start` and
 * an operator take (gateway `POST /api/bots/bootstrap`): bots without a `bot:<id>` record then have
 * their config default. Without it every bot is stopped (docs/architecture.md#bots).
 */
export async function bootstrapBots(redisUrl: string, by = 'test-harness'): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  try {
    await redis.connect();
    await redis.set(redisKeys.botsBootstrap(), JSON.stringify(botsBootstrapSchema.parse({ v: 1, at: Date.now(), by })), 'NX');
  } finally {
    redis.disconnect();
  }
}

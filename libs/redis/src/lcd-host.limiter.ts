import { Logger } from '@nestjs/common';
import { lcdHostBucketKey, RedisTokenBucket, type RequestLimiter } from './redis-token.bucket';
import type { RedisService } from './redis.service';

/**
 * The chain LCD host's request budget shared by every process on the machine: the Redis bucket
 * `ratelimit:lcd:<host>` at `ratePerSecond`; while Redis is away, `fallback` (this process's own
 * limiter, never none), with a warning in the log.
 */
export function lcdHostLimiter(redis: RedisService, lcdUrl: string, ratePerSecond: number, fallback: RequestLimiter): RedisTokenBucket {
  const logger = new Logger('LcdRateLimit');
  return new RedisTokenBucket({ redis: redis.client, key: lcdHostBucketKey(lcdUrl), ratePerSecond, fallback, warn: (message) => logger.warn(message) });
}

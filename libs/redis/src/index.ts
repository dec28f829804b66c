export { RedisModule } from './redis.module';
export { RedisService } from './redis.service';
export { RedisTokenBucket, lcdHostBucketKey, type RedisTokenBucketOptions, type RequestLimiter } from './redis-token.bucket';
export { lcdHostLimiter } from './lcd-host.limiter';

export { RedisModule } from './redis.module';
export { RedisService } from './redis.service';
export { RedisTokenBucket, rateLimitKey, type RedisTokenBucketOptions, type RequestLimiter } from './redis-token.bucket';

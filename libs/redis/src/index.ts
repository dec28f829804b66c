export { RedisModule } from './redis.module';
export { RedisService, type RedisConnection } from './redis.service';
export { redisTlsOptions } from './redis-connection.options';
export { RedisTokenBucket, lcdHostBucketKey, type RedisTokenBucketOptions, type RequestLimiter } from './redis-token.bucket';
export { lcdHostLimiter } from './lcd-host.limiter';

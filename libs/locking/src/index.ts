export { Lease } from './lease';
export { FencedStore, StaleFenceError } from './fenced.store';
export { RedisModule, RedisService } from './redis.module';

export { RedisModule } from './redis.module';
export { RedisService } from './redis.service';

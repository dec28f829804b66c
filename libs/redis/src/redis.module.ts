import { Module, type DynamicModule } from '@nestjs/common';
import { REDIS_CONNECTION, RedisService, type RedisConnection } from './redis.service';

/** Provides the process's one Redis connection (`RedisService`) to every module. */
@Module({})
export class RedisModule {
  static forRoot(connection: RedisConnection): DynamicModule {
    return {
      module: RedisModule,
      global: true,
      providers: [{ provide: REDIS_CONNECTION, useValue: connection }, RedisService],
      exports: [RedisService],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { REDIS_URL, RedisService } from './redis.service';

/** Provides the process's one Redis connection (`RedisService`) to every module. */
@Module({})
export class RedisModule {
  static forRoot(url: string): DynamicModule {
    return {
      module: RedisModule,
      global: true,
      providers: [{ provide: REDIS_URL, useValue: url }, RedisService],
      exports: [RedisService],
    };
  }
}

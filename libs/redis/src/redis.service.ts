import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { redisTlsOptions } from './redis-connection.options';

export const REDIS_CONNECTION = Symbol('REDIS_CONNECTION');

/** REDIS_URL, REDIS_CA_FILE for a `rediss://` server signed by a private CA, REDIS_COMMAND_TIMEOUT_MS. */
export interface RedisConnection {
  readonly url: string;
  readonly caFile?: string;
  /** a command without a reply this long rejects (ioredis `commandTimeout`) */
  readonly commandTimeoutMs?: number;
}

// when the caller names none: a stopped or black-holed Redis must fail a command, never hang it
const DEFAULT_COMMAND_TIMEOUT_MS = 1000;

/**
 * The process's Redis connection. It retries forever with capped backoff (the service stays up
 * and not ready while Redis is away) and logs each state change once. Every command rejects after
 * `commandTimeoutMs` without a reply: a Redis that stopped answering (process stopped, packets
 * dropped) keeps the TCP connection open, and without the timeout a lease renewal would hang.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  readonly client: Redis;
  private wasReady = false;

  constructor(@Inject(REDIS_CONNECTION) { url, caFile, commandTimeoutMs }: RedisConnection) {
    this.client = new Redis(url, {
      ...redisTlsOptions(url, caFile),
      lazyConnect: false,
      maxRetriesPerRequest: 2,
      commandTimeout: commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(200 * 2 ** Math.min(attempt, 6), 10_000),
    });
    this.client.on('ready', () => {
      this.wasReady = true;
      this.logger.log('connected to Redis');
    });
    this.client.on('error', (error: Error) => {
      if (this.wasReady || !this.loggedUnreachable) this.logger.warn(`Redis unavailable: ${error.message}; retrying`);
      this.loggedUnreachable = true;
      this.wasReady = false;
    });
  }
  private loggedUnreachable = false;

  isReady(): boolean {
    return this.client.status === 'ready';
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

/**
 * What an `LcdClient` waits on before each HTTP attempt: `RateLimiter` (one process) or the
 * machine-wide Redis bucket (libs/redis `RedisTokenBucket`) — both have this shape.
 */
export interface RequestLimiter {
  /** resolves when a request may start; rejects with the signal's reason if it aborts first */
  acquire(signal?: AbortSignal): Promise<void>;
}

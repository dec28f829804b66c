import type Redis from 'ioredis';
import { FENCED_SET_SCRIPT } from './lease.scripts';

export class StaleFenceError extends Error {
  readonly code = 'STALE_FENCE';
  constructor(
    readonly key: string,
    readonly token: number,
  ) {
    super(`write to ${key} refused: fencing token ${token} is older than the last writer's, or equal and another holder's`);
    this.name = 'StaleFenceError';
  }
}

/**
 * Values written under a fencing token by one lease holder (its unique holder value): a write with a
 * lower token than the last one is refused, and so is an equal token of another holder.
 */
export class FencedStore {
  constructor(
    private readonly redis: Redis,
    private readonly holder: string,
  ) {}

  async write(key: string, token: number, value: string): Promise<void> {
    const ok = await this.redis.eval(FENCED_SET_SCRIPT, 1, key, token, value, this.holder);
    if (ok !== 1) throw new StaleFenceError(key, token);
  }

  async read(key: string): Promise<{ fence: number; value: string } | undefined> {
    const [fence, value] = await this.redis.hmget(key, 'fence', 'value');
    return fence === null || value === null ? undefined : { fence: Number(fence), value };
  }
}

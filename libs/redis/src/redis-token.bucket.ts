import type Redis from 'ioredis';
import { redisKeys } from '@mirrorbook/contracts';
import { TOKEN_BUCKET_COMMAND, TOKEN_BUCKET_LUA } from './token-bucket.script';

/** Anything that hands out request slots: `acquire()` resolves when a request may start. */
export interface RequestLimiter {
  acquire(signal?: AbortSignal): Promise<void>;
}

/** Settings of one shared bucket. */
export interface RedisTokenBucketOptions {
  readonly redis: Redis;
  /** the bucket's key, see `lcdHostBucketKey` */
  readonly key: string;
  /** tokens added per second: the sustained rate every process together may send */
  readonly ratePerSecond: number;
  /** bucket size; default 1 (never more than the rate in any 1-second window) */
  readonly burst?: number;
  /** used while Redis is unavailable: the process's own limiter (never unlimited) */
  readonly fallback: RequestLimiter;
  /** the bucket's clock, ms; default Redis's own `TIME` (one clock for every process) */
  readonly now?: () => number;
  /** waits `ms` (or rejects when `signal` aborts); default a timer */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** called with the bucket's clock each time this process is granted a token */
  readonly onGrant?: (atMs: number) => void;
  /** told once each time the bucket switches to the fallback and back */
  readonly warn?: (message: string) => void;
  /**
   * how long a take waits for a connection that is not ready yet (a process's first requests
   * race its Redis connection) before using the fallback, ms; default 2000
   */
  readonly readyWaitMs?: number;
}

const DEFAULT_READY_WAIT_MS = 2000;

type TakeToken = (key: string, tokensPerMs: string, burst: string, now: string) => Promise<[number, string]>;

/** The Redis key of the chain LCD bucket of `url`'s host: `ratelimit:lcd:<host:port>` (docs/architecture.md#redis-keys). */
export function lcdHostBucketKey(url: string): string {
  return redisKeys.rateLimit('lcd', new URL(url).host.toLowerCase());
}

/**
 * A token bucket kept in Redis, so every process on the machine that talks to one host shares its
 * budget (public nodes limit per IP). Each take is one atomic script run; a refused take sleeps
 * until the next token is due and tries again. While Redis is not ready, or a take fails, the
 * process's own `fallback` limiter is used, with a warning.
 */
export class RedisTokenBucket implements RequestLimiter {
  readonly ratePerSecond: number;
  readonly burst: number;
  private readonly take: TakeToken;
  private usingFallback = false;
  private readyWait: Promise<boolean> | undefined;

  constructor(private readonly options: RedisTokenBucketOptions) {
    if (!(options.ratePerSecond > 0) || !Number.isFinite(options.ratePerSecond)) {
      throw new RangeError('ratePerSecond must be a positive finite number');
    }
    const burst = options.burst ?? 1;
    if (!Number.isInteger(burst) || burst < 1) throw new RangeError('burst must be an integer >= 1');
    this.ratePerSecond = options.ratePerSecond;
    this.burst = burst;
    this.take = defineTakeToken(options.redis);
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      if (this.options.redis.status !== 'ready' && !(await this.becameReady())) {
        return this.viaFallback(`Redis is not connected (${this.options.redis.status})`, signal);
      }
      let reply: [number, string];
      try {
        const now = this.options.now ? String(this.options.now()) : '';
        reply = await this.take(this.options.key, String(this.ratePerSecond / 1000), String(this.burst), now);
      } catch (error) {
        return this.viaFallback((error as Error).message, signal);
      }
      if (this.usingFallback) {
        this.usingFallback = false;
        this.options.warn?.(`rate limit ${this.options.key}: shared Redis bucket in use again`);
      }
      const value = Number(reply[1]);
      if (Number(reply[0]) === 1) {
        this.options.onGrant?.(value);
        return;
      }
      await (this.options.sleep ?? sleepFor)(Math.max(1, value), signal);
    }
  }

  /**
   * Waits up to `readyWaitMs` for the connection to become ready (one wait shared by every take);
   * false if it did not, and at once while already on the fallback or when the client was closed.
   */
  private becameReady(): Promise<boolean> {
    const redis = this.options.redis;
    const waitMs = this.options.readyWaitMs ?? DEFAULT_READY_WAIT_MS;
    if (waitMs <= 0 || this.usingFallback || redis.status === 'end') return Promise.resolve(false);
    this.readyWait ??= new Promise<boolean>((resolve) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        redis.off('ready', onReady);
        resolve(redis.status === 'ready');
      }, waitMs);
      redis.once('ready', onReady);
    }).finally(() => {
      this.readyWait = undefined;
    });
    return this.readyWait;
  }

  private viaFallback(reason: string, signal: AbortSignal | undefined): Promise<void> {
    if (!this.usingFallback) {
      this.usingFallback = true;
      this.options.warn?.(`rate limit ${this.options.key}: Redis unavailable (${reason}); this process falls back to its own limiter`);
    }
    return this.options.fallback.acquire(signal);
  }
}

function defineTakeToken(redis: Redis): TakeToken {
  const commands = redis as unknown as Record<string, TakeToken | undefined>;
  if (typeof commands[TOKEN_BUCKET_COMMAND] !== 'function') {
    redis.defineCommand(TOKEN_BUCKET_COMMAND, { numberOfKeys: 1, lua: TOKEN_BUCKET_LUA });
  }
  const command = commands[TOKEN_BUCKET_COMMAND]!;
  return (...args) => command.apply(redis, args);
}

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

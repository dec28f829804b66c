import type Decimal from 'decimal.js';
import type { RateLimiterRegistry } from './rate-limiter.registry';
import type { RequestLimiter } from './request.limiter';
import type { OpenOrder } from './schemas/open-orders.schema';

// The options and reply shapes of `LcdClient` (lcd.client.ts), and the block-height header.

/** How an `LcdClient` talks to its endpoint. */
export interface LcdClientOptions {
  /** chain LCD base URL, e.g. `https://testnet.sentry.lcd.injective.network` */
  readonly baseUrl: string;
  /** per-attempt timeout (connect + full body), ms; default 5000 */
  readonly timeoutMs?: number;
  /** retries after the first attempt on 429, 5xx, timeouts and network errors; default 3 */
  readonly maxRetries?: number;
  /** first backoff delay, ms; grows exponentially with decorrelated jitter; default 100 */
  readonly initialBackoffMs?: number;
  /** cap of one backoff delay, ms; default 2000 */
  readonly maxBackoffMs?: number;
  /** rate of this host's limiter if the registry has none yet; default 20 req/s (public chain LCD) */
  readonly ratePerSecond?: number;
  /**
   * limiter to use instead of the registry's: the machine-wide Redis bucket of the host
   * (libs/redis `RedisTokenBucket`), a test's own, or a private node's without limits
   */
  readonly rateLimiter?: RequestLimiter;
  /** registry to take the host's limiter from; default the process-wide `rateLimiters` */
  readonly rateLimiterRegistry?: RateLimiterRegistry;
}

/** Per-call options. */
export interface LcdRequestOptions {
  /** aborts waiting, the request and its retries; rejects with the signal's reason */
  readonly signal?: AbortSignal;
}

/** Options of a raw request. */
export interface LcdSendOptions extends LcdRequestOptions {
  /**
   * May the request be repeated after an ambiguous failure (timeout, 5xx, reset connection)?
   * Default: true for GET, false for POST — a POST is then only retried when the server surely
   * did not act on it (429, connection refused).
   */
  readonly idempotent?: boolean;
}

/** Available and total balance of one denom, human units. */
export interface DepositBalance {
  readonly available: Decimal;
  readonly total: Decimal;
}

/** A subaccount's deposits, human units. */
export interface SubaccountDeposits {
  /** by bank denom, only denoms whose decimals the caller supplied */
  readonly balances: Readonly<Record<string, DepositBalance>>;
  /** denoms held but missing from the caller's decimals map, left out of `balances` */
  readonly unknownDenoms: readonly string[];
}


/** A block height a reply was served at, with when it arrived. */
export interface SeenHeight {
  readonly height: number;
  /** `Date.now()` when the reply arrived */
  readonly atMs: number;
}

/** A subaccount's open orders on one market, with the height the node answered at. */
export interface OpenOrdersAtHeight {
  readonly orders: OpenOrder[];
  /** the reply's `Grpc-Metadata-X-Cosmos-Block-Height`; null when the node sent none */
  readonly height: number | null;
}

/** The header a Cosmos gRPC-gateway query reply carries its block height in. */
export const BLOCK_HEIGHT_HEADER = 'grpc-metadata-x-cosmos-block-height';

/** The height in a reply's `Grpc-Metadata-X-Cosmos-Block-Height` header, or null when absent or not a height. */
export function heightFromHeader(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  const height = Number(value.trim());
  return Number.isSafeInteger(height) && height > 0 ? height : null;
}

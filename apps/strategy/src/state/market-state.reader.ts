import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type { ZodType, ZodTypeDef } from 'zod';
import {
  bookSnapshotSchema,
  botStateSchema,
  feedStatusSchema,
  priceTickSchema,
  redisKeys,
  storedBalancesSchema,
  storedFeesSchema,
  storedOrderSchema,
  storedPositionsSchema,
  StoredOrdersMemo,
  type BookSnapshot,
  type BotState,
  type FeedStatus,
  type PriceTick,
  type StoredBalances,
  type StoredFees,
  type StoredOrder,
  type StoredPositions,
} from '@mirrorbook/contracts';
import { botsBootstrapped, type BotEntry } from '@mirrorbook/config';
import type { MarketType } from '@mirrorbook/market';
import { StateUnavailableError } from './state-unavailable.error';

/** Everything a snapshot's evaluation reads from Redis, validated. */
export interface MarketState {
  /** `md:price:reference:<mk>` */
  readonly reference: PriceTick | undefined;
  /** `md:status:<mk>` */
  readonly status: FeedStatus | undefined;
  /** `md:refbook:<mk>`: the latest mainnet (reference) book, not yet checked for age or role */
  readonly refBook?: BookSnapshot;
  /** per bot id: `bot:<id>` (parsed; the raw value when invalid, so it resolves to stopped; null when missing) and `orders:<wallet>:<mk>` */
  readonly bots: ReadonlyMap<string, { readonly stored: BotState | string | null; readonly orders: readonly StoredOrder[] }>;
  /** whether `bots:bootstrap` holds a valid marker (a bot without a record then has its config default) */
  readonly bootstrapped: boolean;
  /** per wallet id: `balances:<wallet>` (spot markets only) */
  readonly balances: ReadonlyMap<string, StoredBalances | undefined>;
  /** per wallet id: `positions:<wallet>` (derivative markets only) */
  readonly positions: ReadonlyMap<string, StoredPositions | undefined>;
  /** per wallet id: `fees:<wallet>`, the executor's fee meter and budget state */
  readonly fees: ReadonlyMap<string, StoredFees | undefined>;
}

type Schema<T> = ZodType<T, ZodTypeDef, unknown>;

/**
 * Reads the reference, the feed status, the mainnet book, the bots' desired states and the wallets' open orders,
 * balances or positions and fee budget states for one market in a single pipelined round trip. Bot states are read on
 * every snapshot rather than cached: an operator's stop applies from the very next snapshot, and
 * the extra keys ride the same round trip. Invalid values are treated as missing and logged once
 * per key until they become valid again.
 */
export class MarketStateReader {
  private readonly logger = new Logger(MarketStateReader.name);
  private readonly invalidKeys = new Set<string>();
  /** per key of a book (`md:refbook:<mk>`, `md:book:<mk>`), the text last read and its parse: the feed rewrites them every few seconds or every block, and each snapshot or report reads them */
  private readonly books = new Map<string, { readonly raw: unknown; readonly book: BookSnapshot | undefined }>();
  private readonly orders = new StoredOrdersMemo((key, hash, json) => this.parse(`${key} ${hash}`, json, storedOrderSchema));

  constructor(private readonly redis: Redis) {}

  async read(marketKey: string, type: MarketType, bots: readonly BotEntry[]): Promise<MarketState> {
    if (this.redis.status !== 'ready') throw new StateUnavailableError(`Redis is ${this.redis.status}`);
    const wallets = [...new Set(bots.map((b) => b.wallet))];
    const accountKey = type === 'spot' ? redisKeys.balances : redisKeys.positions;
    const pipeline = this.redis.pipeline();
    pipeline.get(redisKeys.latestPrice('reference', marketKey));
    pipeline.get(redisKeys.latestStatus(marketKey));
    pipeline.get(redisKeys.latestRefBook(marketKey));
    pipeline.get(redisKeys.botsBootstrap());
    for (const bot of bots) pipeline.get(redisKeys.bot(bot.id));
    for (const bot of bots) pipeline.hgetall(redisKeys.orders(bot.wallet, marketKey));
    for (const wallet of wallets) pipeline.get(accountKey(wallet));
    for (const wallet of wallets) pipeline.get(redisKeys.fees(wallet));
    const replies = await pipeline.exec().catch((error: Error) => {
      throw new StateUnavailableError(error.message, error);
    });
    if (!replies) throw new StateUnavailableError('pipeline discarded');
    const values = replies.map(([error, value]) => {
      if (error) throw new StateUnavailableError(error.message, error);
      return value;
    });
    let at = 0;
    const next = () => values[at++];
    const reference = this.parse(redisKeys.latestPrice('reference', marketKey), next(), priceTickSchema);
    const status = this.parse(redisKeys.latestStatus(marketKey), next(), feedStatusSchema);
    const refBook = this.refBook(marketKey, next());
    const bootstrapped = botsBootstrapped(next() as string | null);
    const stored = bots.map((bot) => {
      const raw = (next() as string | null) ?? null;
      return this.parse(redisKeys.bot(bot.id), raw, botStateSchema) ?? raw;
    });
    const orders = bots.map((bot) => this.orders.orders(redisKeys.orders(bot.wallet, marketKey), next() as Record<string, string> | null));
    const accounts = wallets.map((wallet) => [wallet, next()] as const);
    const fees = wallets.map((wallet) => [wallet, this.parse(redisKeys.fees(wallet), next(), storedFeesSchema)] as const);
    return {
      reference,
      status,
      ...(refBook ? { refBook } : {}),
      bots: new Map(bots.map((bot, i) => [bot.id, { stored: stored[i] ?? null, orders: orders[i] ?? [] }])),
      bootstrapped,
      balances: new Map(
        type === 'spot' ? accounts.map(([w, raw]) => [w, this.parse(redisKeys.balances(w), raw, storedBalancesSchema)]) : [],
      ),
      positions: new Map(
        type === 'derivative' ? accounts.map(([w, raw]) => [w, this.parse(redisKeys.positions(w), raw, storedPositionsSchema)]) : [],
      ),
      fees: new Map(fees),
    };
  }

  /** The mainnet book parsed again only when its stored text changed (the same object otherwise, so what is derived from it is kept). */
  private refBook(marketKey: string, raw: unknown): BookSnapshot | undefined {
    return this.book(redisKeys.latestRefBook(marketKey), raw);
  }

  private book(key: string, raw: unknown): BookSnapshot | undefined {
    const last = this.books.get(key);
    if (last && last.raw === raw) return last.book;
    const book = this.parse(key, raw, bookSnapshotSchema);
    this.books.set(key, { raw, book });
    return book;
  }

  /** The feed's latest book of the market (`md:book:<mk>`); undefined when none is stored. */
  async latestBook(marketKey: string): Promise<BookSnapshot | undefined> {
    if (this.redis.status !== 'ready') throw new StateUnavailableError(`Redis is ${this.redis.status}`);
    const key = redisKeys.latestBook(marketKey);
    return this.book(key, await this.redis.get(key));
  }

  private parse<T>(key: string, raw: unknown, schema: Schema<T>): T | undefined {
    if (raw === null || raw === undefined) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(String(raw));
    } catch {
      return this.invalid(key, 'not JSON');
    }
    const result = schema.safeParse(json);
    if (!result.success) return this.invalid(key, result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    this.invalidKeys.delete(key);
    return result.data;
  }

  private invalid(key: string, why: string): undefined {
    if (!this.invalidKeys.has(key)) this.logger.warn(`ignoring invalid ${key} (${why})`);
    this.invalidKeys.add(key);
    return undefined;
  }
}

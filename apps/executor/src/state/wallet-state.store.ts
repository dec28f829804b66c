import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { z } from 'zod';
import {
  bookSnapshotSchema,
  priceTickSchema,
  redisKeys,
  storedBalancesSchema,
  storedFeesSchema,
  storedOrderSchema,
  storedPositionsSchema,
  type PriceTick,
  type StoredBalances,
  type StoredFees,
  type StoredOrder,
  type StoredPositions,
} from '@mirrorbook/contracts';
import type { StoredOrderChanges } from '../batch/batch-outcome.mapper';

/**
 * The wallet's state in Redis for the strategy and the gateway (docs/architecture.md#redis-keys): open orders per
 * market, balances, positions; and what the executor reads: bot desired states and reference
 * prices. Every value it parses or writes goes through its schema.
 */
export class WalletStateStore {
  private readonly logger = new Logger(WalletStateStore.name);

  constructor(
    private readonly redis: Redis,
    private readonly wallet: string,
  ) {}

  /** The stored open orders of a market; entries that fail their schema are dropped and logged. */
  async orders(market: string): Promise<StoredOrder[]> {
    const entries = await this.redis.hgetall(redisKeys.orders(this.wallet, market));
    const orders: StoredOrder[] = [];
    for (const [hash, json] of Object.entries(entries)) {
      const parsed = parseJson(json, storedOrderSchema);
      if (parsed) orders.push(parsed);
      else this.logger.warn(`ignoring an invalid stored order ${hash} on ${market}`);
    }
    return orders;
  }

  /** The stored open orders of each market of `keys`, read one market after the other. */
  async ordersByMarket(keys: readonly string[]): Promise<Map<string, StoredOrder[]>> {
    const orders = new Map<string, StoredOrder[]>();
    for (const key of new Set(keys)) orders.set(key, await this.orders(key));
    return orders;
  }

  /** Applies upserts and removals to `orders:<wallet>:<mk>` in one round trip. */
  async applyOrderChanges(changes: ReadonlyMap<string, StoredOrderChanges>): Promise<void> {
    const multi = this.redis.multi();
    for (const [market, { upsert, remove }] of changes) {
      const key = redisKeys.orders(this.wallet, market);
      if (remove.length > 0) multi.hdel(key, ...remove);
      for (const order of upsert) multi.hset(key, order.orderHash, JSON.stringify(storedOrderSchema.parse(order)));
    }
    await multi.exec();
  }

  /** Remembers intents a tx applied, each until `keepUntil` (ms since epoch; at least a second). */
  async markApplied(intents: readonly { id: string; keepUntil: number }[], now: number): Promise<void> {
    if (intents.length === 0) return;
    const multi = this.redis.multi();
    for (const { id, keepUntil } of intents) multi.set(redisKeys.appliedIntent(this.wallet, id), '1', 'PX', Math.max(1000, keepUntil - now));
    await multi.exec();
  }

  /** Which of `intentIds` a tx of this wallet applied (and that are still remembered). */
  async appliedAmong(intentIds: readonly string[]): Promise<Set<string>> {
    if (intentIds.length === 0) return new Set();
    const values = await this.redis.mget(...intentIds.map((id) => redisKeys.appliedIntent(this.wallet, id)));
    return new Set(intentIds.filter((_, i) => values[i] !== null));
  }

  /** Replaces `balances:<wallet>`. */
  async writeBalances(balances: StoredBalances): Promise<void> {
    await this.redis.set(redisKeys.balances(this.wallet), JSON.stringify(storedBalancesSchema.parse(balances)));
  }

  /** Replaces `positions:<wallet>`. */
  async writePositions(positions: StoredPositions): Promise<void> {
    await this.redis.set(redisKeys.positions(this.wallet), JSON.stringify(storedPositionsSchema.parse(positions)));
  }

  /** Replaces `fees:<wallet>`. */
  async writeFees(fees: StoredFees): Promise<void> {
    await this.redis.set(redisKeys.fees(this.wallet), JSON.stringify(storedFeesSchema.parse(fees)));
  }

  /** The stored `fees:<wallet>`; undefined when absent or invalid (logged: the day's spend then starts from what this process meters). */
  async fees(): Promise<StoredFees | undefined> {
    const json = await this.redis.get(redisKeys.fees(this.wallet));
    if (json === null) return undefined;
    const fees = parseJson(json, storedFeesSchema);
    if (!fees) this.logger.warn(`ignoring an invalid fees:${this.wallet}`);
    return fees;
  }

  /**
   * `bots:bootstrap` and the stored `bot:<id>` JSON of each of `botIds` as they are, or null, in one
   * MGET (resolve them with `botsBootstrapped` and `resolveBotState` of libs/config).
   */
  async botStateRecords(botIds: readonly string[]): Promise<{ marker: string | null; records: (string | null)[] }> {
    const [marker, ...records] = await this.redis.mget(redisKeys.botsBootstrap(), ...botIds.map((id) => redisKeys.bot(id)));
    return { marker: marker ?? null, records: botIds.map((_, i) => records[i] ?? null) };
  }

  /**
   * Per market key of `keys`: the `seq` of the newest trading book the feed stored
   * (`md:book:<mk>`, one MGET); a market without a valid stored book is left out.
   */
  async newestBookSeqs(keys: readonly string[]): Promise<Map<string, number>> {
    const seqs = new Map<string, number>();
    if (keys.length === 0) return seqs;
    const values = await this.redis.mget(keys.map((k) => redisKeys.latestBook(k)));
    keys.forEach((key, i) => {
      const book = parseJson(values[i] ?? 'null', storedBookSeqSchema);
      if (book) seqs.set(key, book.seq);
    });
    return seqs;
  }

  /** The latest reference price of a market, or undefined. */
  referencePrice(market: string): Promise<PriceTick | undefined> {
    return this.latestPrice('reference', market);
  }

  /** The latest testnet price of a market as the price feed stored it, or undefined. */
  tradingPrice(market: string): Promise<PriceTick | undefined> {
    return this.latestPrice('trading', market);
  }

  private async latestPrice(role: 'reference' | 'trading', market: string): Promise<PriceTick | undefined> {
    const json = await this.redis.get(redisKeys.latestPrice(role, market));
    return json === null ? undefined : parseJson(json, priceTickSchema);
  }
}

// only the seq is needed: a book's levels are not parsed on every pass
const storedBookSeqSchema = z.object({ seq: bookSnapshotSchema.shape.seq });

function parseJson<T>(json: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T | undefined {
  try {
    const result = schema.safeParse(JSON.parse(json));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

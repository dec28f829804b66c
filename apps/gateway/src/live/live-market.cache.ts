import { Inject, Injectable } from '@nestjs/common';
import {
  bookSnapshotSchema,
  feedStatusSchema,
  isNewerCopy,
  priceTickSchema,
  redisKeys,
  type BookSnapshot,
  type FeedStatus,
  type PriceTick,
} from '@mirrorbook/contracts';
import { APP_CONFIG, type AppConfig } from '@mirrorbook/config';
import { StoredJsonReader } from '../platform/stored-json.reader';

/** Which side of a market pair a price belongs to. */
export type PriceRole = PriceTick['role'];

/**
 * The latest price per (role, market), trading book and feed status per market: live from
 * `md.*`, and from the Redis copies the price feed keeps for late joiners (`md:price:*`,
 * `md:book:*`, `md:status:*`), whichever is newer; a copy stamped in the future is never kept
 * (`isNewerCopy`), and NATS refuses and counts one before it gets here.
 */
@Injectable()
export class LiveMarketCache {
  private readonly prices = new Map<string, PriceTick>();
  private readonly books = new Map<string, BookSnapshot>();
  private readonly statuses = new Map<string, FeedStatus>();
  private readonly marketKeys: string[];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly stored: StoredJsonReader,
  ) {
    this.marketKeys = config.markets.map((m) => m.key);
  }

  /** Keeps the tick when it is newer than the one held; returns whether it was kept. */
  applyPrice(tick: PriceTick): boolean {
    const key = `${tick.role}:${tick.market}`;
    if (!isNewerCopy(tick, this.prices.get(key), Date.now())) return false;
    this.prices.set(key, tick);
    return true;
  }

  /** Keeps a trading book when newer; reference books are not shown. */
  applyBook(book: BookSnapshot): boolean {
    if (book.role !== 'trading' || !isNewerCopy(book, this.books.get(book.market), Date.now())) return false;
    this.books.set(book.market, book);
    return true;
  }

  applyStatus(status: FeedStatus): boolean {
    if (!isNewerCopy(status, this.statuses.get(status.market), Date.now())) return false;
    this.statuses.set(status.market, status);
    return true;
  }

  /** Merges in what the price feed left in Redis (one MGET for all configured markets). */
  async refreshFromRedis(): Promise<void> {
    const keys = this.marketKeys;
    const [references, tradings, books, statuses] = await Promise.all([
      this.stored.many(priceTickSchema, keys.map((k) => redisKeys.latestPrice('reference', k))),
      this.stored.many(priceTickSchema, keys.map((k) => redisKeys.latestPrice('trading', k))),
      this.stored.many(bookSnapshotSchema, keys.map((k) => redisKeys.latestBook(k))),
      this.stored.many(feedStatusSchema, keys.map((k) => redisKeys.latestStatus(k))),
    ]);
    for (const tick of [...references, ...tradings]) if (tick) this.applyPrice(tick);
    for (const book of books) if (book) this.applyBook(book);
    for (const status of statuses) if (status) this.applyStatus(status);
  }

  price(role: PriceRole, market: string): PriceTick | undefined {
    return this.prices.get(`${role}:${market}`);
  }

  book(market: string): BookSnapshot | undefined {
    return this.books.get(market);
  }

  status(market: string): FeedStatus | undefined {
    return this.statuses.get(market);
  }

  allPrices(): PriceTick[] {
    return [...this.prices.values()];
  }

  allBooks(): BookSnapshot[] {
    return [...this.books.values()];
  }

  allStatuses(): FeedStatus[] {
    return [...this.statuses.values()];
  }
}

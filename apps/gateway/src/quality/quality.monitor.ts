import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'nats';
import {
  bookSnapshotSchema,
  isNewerCopy,
  QUALITY_KEY_TTL_WINDOWS,
  redisKeys,
  storedOrderSchema,
  subjects,
  type BookSnapshot,
  type MarketQuality,
  StoredOrdersMemo,
} from '@mirrorbook/contracts';
import { APP_CONFIG, depthScaleOf, type AppConfig } from '@mirrorbook/config';
import { countInvalidInput, MessagingService } from '@mirrorbook/messaging';
import { BookQualityWindow, Dec, marketQualityPayload, olpRuleFor, qualitySample, type OlpRule, type OwnOrder } from '@mirrorbook/market';
import { RedisService } from '@mirrorbook/redis';
import { StoredJsonReader } from '../platform/stored-json.reader';
import { TopicHub } from '../realtime/topic.hub';
import { qualityRedisWriteFailures, recordQualityGauges } from './quality.metrics';
import { referenceBookProblem } from './reference-book.check';

/** What the monitor holds per configured market. */
interface MarketState {
  readonly rule: OlpRule;
  /** the depthScale of the bot params, null when they have none (measured as 1) */
  readonly depthScale: string | null;
  /** wallets of the bots quoting the market: their orders are the "own" orders of the uptime */
  readonly wallets: readonly string[];
  readonly window: BookQualityWindow;
  reference: BookSnapshot | undefined;
  /** ts of the newest book in the window: an older one is skipped (the window takes them in time order) */
  lastBookTs: number;
  latest: MarketQuality | undefined;
}

/**
 * The book-quality publisher (docs/architecture.md#book-quality): for each trading book of a
 * configured market, measures it against the latest reference (mainnet) book and the bots' own
 * orders (`orders:<wallet>:<mk>`) with libs/market `qualitySample`, keeps a `BookQualityWindow`
 * of QUALITY_WINDOW_MS, and publishes the rolling figures on `md.quality.<mk>` at most once per
 * QUALITY_PUBLISH_INTERVAL_MS (book time), to the gauges, to the dashboard (`books` topic,
 * event `quality`) and to Redis `quality:<mk>` (expiring after QUALITY_KEY_TTL_WINDOWS windows,
 * for `mirrorbook compare`, which cannot hear md.*). Lives in the gateway: it already hears
 * `md.>` and reads `orders:*`.
 */
@Injectable()
export class QualityMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QualityMonitor.name);
  private readonly markets = new Map<string, MarketState>();
  private readonly subscriptions: Subscription[] = [];
  private closing = false;
  /** a `quality:<mk>` write failed and no write has succeeded since: log the next failure no more */
  private storeFailing = false;
  /** the bots' orders as last read: each book re-reads every bot's hash, and only new entries are parsed */
  private readonly orders = new StoredOrdersMemo((key, _hash, json) => this.stored.parse(storedOrderSchema, key, json));

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly messaging: MessagingService,
    private readonly redis: RedisService,
    private readonly stored: StoredJsonReader,
    private readonly hub: TopicHub,
  ) {
    const minDepth = new Dec(config.env.QUALITY_MIN_DEPTH);
    for (const pair of config.markets) {
      this.markets.set(pair.key, {
        rule: { ...olpRuleFor(pair.key), minDepth },
        depthScale: depthScaleOf(config, pair.key),
        wallets: [...new Set(config.bots.filter((b) => b.markets.includes(pair.key)).map((b) => b.wallet))],
        window: new BookQualityWindow(config.env.QUALITY_WINDOW_MS),
        reference: undefined,
        lastBookTs: Number.NEGATIVE_INFINITY,
        latest: undefined,
      });
    }
  }

  onApplicationBootstrap(): void {
    void this.start().catch((error: Error) => this.logger.error(`quality monitor did not start: ${error.message}`));
  }

  private async start(): Promise<void> {
    await this.messaging.ready();
    if (this.closing) return;
    this.subscriptions.push(
      this.messaging.subscribe(subjects.all('mdRefBook'), (book, meta) => {
        this.applyReference(book, meta.subject.split('.').at(-1) ?? '');
      }),
      // the live feed's md.book subscription counts the invalid ones
      this.messaging.subscribe(subjects.all('mdBook'), (book) => (book.role === 'trading' ? this.measure(book) : undefined), { countInvalid: false }),
    );
  }

  /** The latest figures of a market, or undefined before its first measured book. */
  latest(market: string): MarketQuality | undefined {
    return this.markets.get(market)?.latest;
  }

  /** The market's quality settings as the dashboard shows them beside the figures. */
  depthScale(market: string): string | null {
    return this.markets.get(market)?.depthScale ?? null;
  }

  /** Keeps a reference book that can be measured against and is newer; counts and refuses one that cannot. */
  applyReference(book: BookSnapshot, market: string): boolean {
    const state = this.markets.get(market);
    if (!state || !this.usable(book, market)) return false;
    if (!isNewerCopy(book, state.reference, Date.now())) return false;
    state.reference = book;
    return true;
  }

  /** Adds one trading book's sample to its market's window and publishes when due. */
  async measure(book: BookSnapshot): Promise<void> {
    const state = this.markets.get(book.market);
    if (!state) return;
    const reference = state.reference ?? (await this.storedReference(book.market));
    // a book no newer than the last measured (the same snapshot again) is not another sample
    if (!reference || book.ts <= state.lastBookTs) return;
    const orders = await this.ownOrders(state.wallets, book.market);
    const depthScale = state.depthScale ?? '1';
    state.lastBookTs = book.ts;
    state.window.add(qualitySample({ testnet: book, mainnet: reference, orders, rule: state.rule, depthScale, ts: book.ts }));
    const last = state.latest;
    if (last && book.ts - last.ts < this.config.env.QUALITY_PUBLISH_INTERVAL_MS) return;
    const quality = marketQualityPayload(book.market, state.window.figures(book.ts), { ts: book.ts, rule: state.rule, depthScale });
    state.latest = quality;
    this.messaging.publish(subjects.mdQuality(book.market), quality);
    recordQualityGauges(quality);
    this.hub.publish('books', 'quality', quality);
    this.store(quality);
  }

  /**
   * Keeps the payload in `quality:<mk>` with an expiry of QUALITY_KEY_TTL_WINDOWS windows, in the
   * background: a Redis that is away or refuses is counted and logged once per outage, and never
   * holds up or stops the NATS publish.
   */
  private store(quality: MarketQuality): void {
    const key = redisKeys.latestQuality(quality.market);
    const failed = (reason: string) => {
      qualityRedisWriteFailures().inc();
      if (!this.storeFailing) this.logger.warn(`could not keep ${key} in Redis: ${reason}; md.quality goes on (logged once until a write succeeds)`);
      this.storeFailing = true;
    };
    if (!this.redis.isReady()) {
      failed('Redis not ready');
      return;
    }
    const ttlMs = QUALITY_KEY_TTL_WINDOWS * this.config.env.QUALITY_WINDOW_MS;
    this.redis.client.set(key, JSON.stringify(quality), 'PX', ttlMs).then(
      () => {
        if (this.storeFailing) this.logger.log(`keeping ${key} in Redis again`);
        this.storeFailing = false;
      },
      (error: Error) => failed(error.message),
    );
  }

  private usable(book: BookSnapshot, market: string): boolean {
    const problem = referenceBookProblem(book, market);
    if (problem === null) return true;
    countInvalidInput('mdRefBook', problem);
    this.logger.warn(`refused the reference book of ${market} (seq ${book.seq}): ${problem}`);
    return false;
  }

  /** The feed's latest reference book in Redis, for a gateway that started after the last one was published. */
  private async storedReference(market: string): Promise<BookSnapshot | undefined> {
    if (!this.redis.isReady()) return undefined;
    const book = await this.stored.one(bookSnapshotSchema, redisKeys.latestRefBook(market)).catch(() => undefined);
    return book && this.applyReference(book, market) ? book : undefined;
  }

  /** The bots' open orders on the market, or null when Redis cannot say (uptime unknown, not down). */
  private async ownOrders(wallets: readonly string[], market: string): Promise<OwnOrder[] | null> {
    if (!this.redis.isReady()) return null;
    try {
      const perWallet = await Promise.all(
        wallets.map(async (wallet) => {
          const key = redisKeys.orders(wallet, market);
          return this.orders.orders(key, await this.redis.client.hgetall(key));
        }),
      );
      return perWallet.flat();
    } catch (error) {
      this.logger.debug(`own orders of ${market} not read: ${(error as Error).message}`);
      return null;
    }
  }

  onApplicationShutdown(): void {
    this.closing = true;
    for (const sub of this.subscriptions) sub.unsubscribe();
  }
}

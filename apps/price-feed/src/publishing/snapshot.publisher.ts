import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  bookSnapshotSchema,
  feedStatusSchema,
  priceTickSchema,
  redisKeys,
  subjects,
  type FeedStatus,
} from '@mirrorbook/contracts';
import { RedisService } from '@mirrorbook/redis';
import { MessagingService } from '@mirrorbook/messaging';
import { priceFeedMetrics } from '../metrics/price-feed.metrics';
import { FEED_SETTINGS, type FeedMarket, type FeedSettings } from '../settings/feed.settings';
import type { BookSnapshotDraft } from './book-snapshot.builder';
import type { PriceTickDraft } from './price-tick.builder';
import { contentFingerprint, shouldPublish, type LastPublished } from './publish.gate';
import { SequenceAllocator } from './sequence.allocator';

/**
 * Publishes `md.price`, `md.book`, `md.refbook` and `md.status` on NATS (plain publish: the `MD`
 * stream captures `md.price.>` on the server, so history costs no round trip per tick) and keeps
 * the latest of each in Redis for late joiners. Unchanged content is republished once per republish interval.
 */
@Injectable()
export class SnapshotPublisher {
  private readonly logger = new Logger(SnapshotPublisher.name);
  private readonly last = new Map<string, LastPublished>();
  private readonly seqs: SequenceAllocator;
  private failing = false;

  constructor(
    private readonly messaging: MessagingService,
    private readonly redis: RedisService,
    @Inject(FEED_SETTINGS) private readonly settings: FeedSettings,
  ) {
    this.seqs = new SequenceAllocator();
  }

  /** Publishes a price tick unless it is an unchanged repeat; returns whether it went out. */
  offerPrice(draft: PriceTickDraft, now = Date.now()): boolean {
    const started = performance.now();
    const key = `price:${draft.net}:${draft.role}:${draft.market}`;
    const fingerprint = contentFingerprint(draft);
    if (!this.gate(key, fingerprint, 'price', draft.role, now)) return false;
    const tick = { ...draft, seq: this.seqs.next(key) };
    if (!this.send(() => this.messaging.publish(subjects.mdPrice(draft.net, draft.market), tick), 'price')) return false;
    this.last.set(key, { fingerprint, at: now });
    this.remember(redisKeys.latestPrice(draft.role, draft.market), tick);
    this.observe('price', draft.role, draft.market, started);
    return true;
  }

  /**
   * Publishes a book snapshot unless it is an unchanged repeat; returns whether it went out. A
   * trading book goes to `md.book.<net>.<mk>` and `md:book:<mk>`, a reference book to
   * `md.refbook.<mk>` and `md:refbook:<mk>`: subscribers tell them apart by subject even when both
   * sides are the sim (same `net`).
   */
  offerBook(draft: BookSnapshotDraft, now = Date.now()): boolean {
    const started = performance.now();
    const key = `book:${draft.net}:${draft.role}:${draft.market}`;
    const fingerprint = contentFingerprint(draft);
    if (!this.gate(key, fingerprint, 'book', draft.role, now)) return false;
    const book = { ...draft, seq: this.seqs.next(key) };
    const reference = draft.role === 'reference';
    const subject = reference ? subjects.mdRefBook(draft.market) : subjects.mdBook(draft.net, draft.market);
    if (!this.send(() => this.messaging.publish(subject, book), 'book')) return false;
    this.last.set(key, { fingerprint, at: now });
    this.remember(reference ? redisKeys.latestRefBook(draft.market) : redisKeys.latestBook(draft.market), book);
    this.observe('book', draft.role, draft.market, started);
    return true;
  }

  /** Publishes a status when `fingerprint` changed or the republish interval passed. */
  offerStatus(draft: Omit<FeedStatus, 'seq'>, fingerprint: string, now = Date.now()): boolean {
    const started = performance.now();
    const key = `status:${draft.market}`;
    if (!this.gate(key, fingerprint, 'status', 'pair', now)) return false;
    const status = { ...draft, seq: this.seqs.next(key) };
    if (!this.send(() => this.messaging.publish(subjects.mdStatus(draft.market), status), 'status')) return false;
    this.last.set(key, { fingerprint, at: now });
    this.remember(redisKeys.latestStatus(draft.market), status);
    this.observe('status', 'pair', draft.market, started);
    return true;
  }

  /**
   * Seeds the seqs from the latest payloads kept in Redis, so a restarted feed continues above
   * what it published before even if the clock went backwards. Best effort: without Redis the
   * time-based seqs still move forward.
   */
  async restoreSeqs(markets: readonly FeedMarket[], timeoutMs = 2000): Promise<number> {
    const keys = markets.flatMap((m) => [
      redisKeys.latestPrice('reference', m.key),
      redisKeys.latestPrice('trading', m.key),
      redisKeys.latestBook(m.key),
      redisKeys.latestRefBook(m.key),
      redisKeys.latestStatus(m.key),
    ]);
    if (keys.length === 0) return 0;
    let values: (string | null)[];
    try {
      values = await withTimeout(this.redis.client.mget(keys), timeoutMs);
    } catch (error) {
      this.logger.warn(`could not read the last seqs from Redis (${(error as Error).message}); continuing with time-based seqs`);
      return 0;
    }
    let seeded = 0;
    for (const raw of values) {
      const seed = seedOf(raw);
      if (seed) {
        this.seqs.seed(seed.key, seed.seq);
        seeded++;
      }
    }
    return seeded;
  }

  private observe(kind: string, role: string, market: string, started: number): void {
    priceFeedMetrics.publishSeconds().observe({ kind }, (performance.now() - started) / 1000);
    priceFeedMetrics.published().inc({ kind, role, market });
  }

  /** Publishes; a failure (NATS away) is counted and logged once per outage, never thrown. */
  private send(publish: () => void, kind: string): boolean {
    try {
      publish();
      if (this.failing) this.logger.log('publishing again');
      this.failing = false;
      return true;
    } catch (error) {
      priceFeedMetrics.publishFailures().inc({ kind });
      if (!this.failing) this.logger.warn(`could not publish ${kind}: ${(error as Error).message}`);
      this.failing = true;
      return false;
    }
  }

  /** Whether to publish; the caller records the publication once it went out. */
  private gate(key: string, fingerprint: string, kind: string, role: string, now: number): boolean {
    if (shouldPublish(this.last.get(key), fingerprint, now, this.settings.republishIntervalMs)) return true;
    priceFeedMetrics.unchanged().inc({ kind, role });
    return false;
  }

  private remember(key: string, payload: object): void {
    if (!this.redis.isReady()) {
      priceFeedMetrics.redisMisses().inc();
      return;
    }
    this.redis.client.set(key, JSON.stringify(payload)).catch((error: Error) => {
      priceFeedMetrics.redisMisses().inc();
      this.logger.warn(`could not keep ${key} in Redis: ${error.message}`);
    });
  }
}

/** The seq key and seq of a payload kept in Redis, if it parses as one of ours. */
function seedOf(raw: string | null): { key: string; seq: number } | undefined {
  if (raw === null) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const price = priceTickSchema.safeParse(json);
  if (price.success) return { key: `price:${price.data.net}:${price.data.role}:${price.data.market}`, seq: price.data.seq };
  const book = bookSnapshotSchema.safeParse(json);
  if (book.success) return { key: `book:${book.data.net}:${book.data.role}:${book.data.market}`, seq: book.data.seq };
  const status = feedStatusSchema.safeParse(json);
  if (status.success) return { key: `status:${status.data.market}`, seq: status.data.seq };
  return undefined;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

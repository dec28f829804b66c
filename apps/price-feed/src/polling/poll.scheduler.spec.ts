import { Logger } from '@nestjs/common';
import type { AppConfig } from '@mirrorbook/config';
import { RateLimitedError } from '@mirrorbook/injective';
import type { RedisService } from '@mirrorbook/locking';
import { Dec } from '@mirrorbook/market';
import type { MessagingService } from '@mirrorbook/messaging';
import { ReadinessRegistry, type HeartbeatService } from '@mirrorbook/observability';
import { LcdHostPool } from '../lcd/lcd-host.pool';
import { SnapshotPublisher } from '../publishing/snapshot.publisher';
import type { FeedMarket, FeedSettings } from '../settings/feed.settings';
import type { BookReading } from '../sources/book.source';
import type { FeedSources } from '../sources/feed-sources.factory';
import type { ReferenceReading } from '../sources/reference-price.source';
import { StatusReporter } from '../status/status.reporter';
import { FeedStateStore } from './feed-state.store';
import { MarketPoller } from './market.poller';
import { PollScheduler } from './poll.scheduler';

const market: FeedMarket = {
  key: 'inj-usdt',
  type: 'spot',
  referenceMarketId: `0x${'a'.repeat(64)}`,
  tradingMarketId: `0x${'b'.repeat(64)}`,
  referenceSource: 'mid',
};
const settings: FeedSettings = {
  markets: [market],
  endpoints: { reference: { net: 'mainnet', lcdUrl: 'http://mainnet' }, trading: { net: 'testnet', lcdUrl: 'http://testnet' } },
  pollIntervalMs: 50,
  staleAfterMs: 3000,
  downAfterMs: 30_000,
  requestBudgetPerSecond: 1000,
  bookDepthPct: 10,
  republishIntervalMs: 5000,
  notes: [],
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PollScheduler', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  let sources: FeedSources & { referenceReads: number; bookReads: number };
  let scheduler: PollScheduler;
  let readiness: ReadinessRegistry;
  let bookReply: () => Promise<BookReading>;
  let referenceReply: () => Promise<ReferenceReading>;

  beforeEach(() => {
    bookReply = async () => ({ bids: [{ price: new Dec('9.9'), quantity: new Dec('1') }], asks: [], height: 1 });
    referenceReply = async () => ({ bid: new Dec('9.9'), ask: new Dec('10.1'), mark: null, height: 1 });
    sources = {
      referenceReads: 0,
      bookReads: 0,
      reference: {
        host: 'mainnet:443',
        requestsPerRead: () => 1,
        read: () => {
          sources.referenceReads++;
          return referenceReply();
        },
      },
      book: {
        host: 'testnet:443',
        requestsPerRead: () => 1,
        read: () => {
          sources.bookReads++;
          return bookReply();
        },
      },
    };
    const messaging = { publish: () => undefined, ready: async () => undefined } as unknown as MessagingService;
    const redis = { isReady: () => false, client: { mget: async () => [] } } as unknown as RedisService;
    const publisher = new SnapshotPublisher(messaging, redis, settings);
    const store = new FeedStateStore(settings);
    const poller = new MarketPoller(sources, settings, publisher);
    const reporter = new StatusReporter(store, publisher, settings);
    readiness = new ReadinessRegistry();
    const heartbeat = { contribute: () => undefined } as unknown as HeartbeatService;
    const config = { env: { SHUTDOWN_TIMEOUT_MS: 10_000 } } as AppConfig;
    scheduler = new PollScheduler(settings, sources, config, store, poller, reporter, publisher, new LcdHostPool(1000, 50), messaging, readiness, heartbeat);
  });

  afterEach(() => scheduler.beforeApplicationShutdown());

  it('polls each side about once per interval and is ready while it runs', async () => {
    scheduler.onApplicationBootstrap();
    await sleep(520);
    expect(readiness.evaluate().checks['price-feed']).toBe(true);
    // ten 50 ms slots; a loaded machine may fire a few late, never more often
    expect(sources.bookReads).toBeGreaterThanOrEqual(6);
    expect(sources.bookReads).toBeLessThanOrEqual(12);
  });

  describe('when a host answers 429', () => {
    it('stops reading that host until its Retry-After has passed, and keeps reading the other', async () => {
      referenceReply = async () => {
        throw new RateLimitedError('GET http://mainnet/x', 1000);
      };
      scheduler.onApplicationBootstrap();
      await sleep(520);
      expect(sources.referenceReads).toBe(1);
      expect(sources.bookReads).toBeGreaterThanOrEqual(6);
    });
  });

  describe('on shutdown', () => {
    it('starts no new read, waits for the one in flight, and turns unready', async () => {
      let release!: () => void;
      bookReply = () => new Promise((resolve) => (release = () => resolve({ bids: [], asks: [], height: 1 })));
      scheduler.onApplicationBootstrap();
      await sleep(120);
      let stopped = false;
      const stopping = scheduler.beforeApplicationShutdown().then(() => (stopped = true));
      const reads = sources.referenceReads + sources.bookReads;
      await sleep(150);
      expect(stopped).toBe(false);
      expect(readiness.evaluate().checks['price-feed']).toBe(false);
      release();
      await stopping;
      expect(sources.referenceReads + sources.bookReads).toBe(reads);
    });
  });
});

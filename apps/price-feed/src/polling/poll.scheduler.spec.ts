import { Logger } from '@nestjs/common';
import type { AppConfig } from '@mirrorbook/config';
import { networkSides, RateLimitedError } from '@mirrorbook/injective';
import type { RedisService } from '@mirrorbook/redis';
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
  endpoints: networkSides('testnet', { mainnet: 'http://mainnet', testnet: 'http://testnet' }),
  pollIntervalMs: 50,
  staleAfterMs: 3000,
  downAfterMs: 30_000,
  requestBudgetPerSecond: 1000,
  bookDepthPct: 10,
  refBookIntervalMs: 200,
  republishIntervalMs: 5000,
  notes: [],
};

describe('PollScheduler', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  let sources: FeedSources & { referenceReads: number; bookReads: number; refBookReads: number };
  let scheduler: PollScheduler;
  let readiness: ReadinessRegistry;
  let bookReply: (signal?: AbortSignal) => Promise<BookReading>;
  let referenceReply: () => Promise<ReferenceReading>;
  let refBookReply: () => Promise<BookReading>;

  beforeEach(() => {
    // the scheduler keeps its cadence with Date.now and setTimeout: time moves only when a test advances it
    jest.useFakeTimers();
    bookReply = async () => ({ bids: [{ price: new Dec('9.9'), quantity: new Dec('1') }], asks: [], height: 1 });
    referenceReply = async () => ({ bid: new Dec('9.9'), ask: new Dec('10.1'), mark: null, height: 1 });
    refBookReply = async () => ({ bids: [{ price: new Dec('9.9'), quantity: new Dec('1') }], asks: [], height: 1 });
    sources = {
      referenceReads: 0,
      bookReads: 0,
      refBookReads: 0,
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
        read: (_market, _levels, signal) => {
          sources.bookReads++;
          return bookReply(signal);
        },
      },
      refBook: {
        host: 'mainnet:443',
        requestsPerRead: () => 1,
        read: () => {
          sources.refBookReads++;
          return refBookReply();
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

  afterEach(async () => {
    const stopping = scheduler.beforeApplicationShutdown();
    // the shutdown grace, should a read still be in flight
    await jest.advanceTimersByTimeAsync(5000);
    await stopping;
    jest.useRealTimers();
  });

  /** [reference reads, book reads] */
  const reads = () => [sources.referenceReads, sources.bookReads];

  it('polls each side once per interval and is ready while it runs', async () => {
    scheduler.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    expect(readiness.evaluate().checks['price-feed']).toBe(true);
    expect(reads()).toEqual([1, 1]);
    for (let n = 2; n <= 11; n++) {
      await jest.advanceTimersByTimeAsync(settings.pollIntervalMs - 1);
      expect(reads()).toEqual([n - 1, n - 1]);
      await jest.advanceTimersByTimeAsync(1);
      expect(reads()).toEqual([n, n]);
    }
    expect(readiness.evaluate().checks['price-feed']).toBe(true);
  });

  it('reads the reference book on every 4th poll (200 ms wanted, 50-ms polls), from the first', async () => {
    scheduler.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    expect(scheduler.plan()).toMatchObject({ refBookEvery: 4, refBookIntervalMs: 200 });
    expect(sources.refBookReads).toBe(1);
    await jest.advanceTimersByTimeAsync(11 * settings.pollIntervalMs);
    // polls 0 … 11: the reference book on polls 0, 4 and 8
    expect([sources.bookReads, sources.refBookReads]).toEqual([12, 3]);
  });

  describe('when a host answers 429', () => {
    it('stops reading that host (reference prices and books) until its Retry-After has passed, and keeps reading the other', async () => {
      const limited = async (): Promise<never> => {
        throw new RateLimitedError('GET http://mainnet/x', 1000);
      };
      referenceReply = limited;
      refBookReply = limited;
      scheduler.onApplicationBootstrap();
      // slots at 0, 50, … 950 ms: the reference host is refused at 0 and told to wait 1000 ms
      await jest.advanceTimersByTimeAsync(999);
      expect([...reads(), sources.refBookReads]).toEqual([1, 20, 1]);
      await jest.advanceTimersByTimeAsync(1);
      expect([...reads(), sources.refBookReads]).toEqual([2, 21, 2]);
    });
  });

  describe('on shutdown', () => {
    it('starts no new read, waits for the one in flight, and turns unready', async () => {
      let release!: () => void;
      let readSignal: AbortSignal | undefined;
      bookReply = (signal) => {
        readSignal = signal;
        return new Promise((resolve) => (release = () => resolve({ bids: [], asks: [], height: 1 })));
      };
      scheduler.onApplicationBootstrap();
      // slots at 0, 50 and 100 ms: the book read of the first one is still running
      await jest.advanceTimersByTimeAsync(120);
      expect(reads()).toEqual([3, 1]);
      let stopped = false;
      const stopping = scheduler.beforeApplicationShutdown().then(() => (stopped = true));
      // three slot times, well within the 5 s grace
      await jest.advanceTimersByTimeAsync(150);
      expect(stopped).toBe(false);
      expect(readSignal?.aborted).toBe(false);
      expect(readiness.evaluate().checks['price-feed']).toBe(false);
      release();
      await stopping;
      expect(reads()).toEqual([3, 1]);
    });
  });
});

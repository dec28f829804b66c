import { Logger } from '@nestjs/common';
import type { PayloadOf, Subject, SubjectFamily } from '@mirrorbook/contracts';
import { ChainUnavailableError, MalformedResponseError, networkSides } from '@mirrorbook/injective';
import type { RedisService } from '@mirrorbook/redis';
import { Dec } from '@mirrorbook/market';
import type { MessagingService } from '@mirrorbook/messaging';
import { register } from 'prom-client';
import { SnapshotPublisher } from '../publishing/snapshot.publisher';
import type { FeedMarket, FeedSettings } from '../settings/feed.settings';
import type { BookReading } from '../sources/book.source';
import type { FeedSources } from '../sources/feed-sources.factory';
import type { ReferenceReading } from '../sources/reference-price.source';
import { FeedStateStore } from './feed-state.store';
import { MarketPoller } from './market.poller';

const market: FeedMarket = {
  key: 'inj-usdt',
  type: 'spot',
  referenceMarketId: `0x${'a'.repeat(64)}`,
  tradingMarketId: `0x${'b'.repeat(64)}`,
  referenceSource: 'mid',
};
const settings: FeedSettings = {
  markets: [market],
  endpoints: networkSides('sim', { sim: 'http://sim' }),
  pollIntervalMs: 700,
  staleAfterMs: 3000,
  downAfterMs: 30_000,
  requestBudgetPerSecond: 20,
  bookDepthPct: 10,
  refBookIntervalMs: 5000,
  republishIntervalMs: 5000,
  notes: [],
};
const level = (p: string, q = '1') => ({ price: new Dec(p), quantity: new Dec(q) });

/** Sources answering whatever the test queues, in order. */
class ScriptedSources implements FeedSources {
  readonly references: (ReferenceReading | Error)[] = [];
  readonly books: (BookReading | Error)[] = [];
  readonly refBooks: (BookReading | Error)[] = [];
  readonly reference = {
    host: 'sim:1',
    requestsPerRead: () => 1,
    read: async () => next(this.references),
  };
  readonly book = {
    host: 'sim:1',
    requestsPerRead: () => 1,
    read: async () => next(this.books),
  };
  readonly refBook = {
    host: 'sim:1',
    requestsPerRead: () => 1,
    read: async () => next(this.refBooks),
  };
}

function next<T>(queue: (T | Error)[]): T {
  const item = queue.shift();
  if (item === undefined) throw new Error('nothing scripted');
  if (item instanceof Error) throw item;
  return item;
}

/** Rejections of `reason` counted for the market, all sides. */
async function rejections(reason: string): Promise<number> {
  const metric = await register.getSingleMetric('mirrorbook_feed_rejections_total')?.get();
  const values = metric?.values.filter((v) => v.labels.reason === reason && v.labels.market === 'inj-usdt') ?? [];
  return values.reduce((sum, v) => sum + v.value, 0);
}

describe('MarketPoller', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  let sources: ScriptedSources;
  let published: { subject: string; payload: unknown }[];
  let poller: MarketPoller;
  let store: FeedStateStore;

  beforeEach(() => {
    sources = new ScriptedSources();
    published = [];
    const messaging = {
      publish: <F extends SubjectFamily>(subject: Subject<F>, payload: PayloadOf<F>) => published.push({ subject: subject.subject, payload }),
    };
    const redis = { isReady: () => false, client: {} };
    const publisher = new SnapshotPublisher(messaging as unknown as MessagingService, redis as unknown as RedisService, settings);
    poller = new MarketPoller(sources, settings, publisher);
    store = new FeedStateStore(settings);
  });

  const runtime = () => store.get('inj-usdt')!;

  describe('when the reference reply is good', () => {
    it('publishes a reference tick on md.price.sim.<mk> and marks the side good', async () => {
      sources.references.push({ bid: new Dec('12.34'), ask: new Dec('12.36'), mark: null, height: 10 });
      expect(await poller.poll(runtime(), 'reference')).toEqual({ kind: 'ok' });
      expect(published).toEqual([{ subject: 'md.price.sim.inj-usdt', payload: expect.objectContaining({ role: 'reference', mid: '12.35', height: 10 }) }]);
      expect(runtime().reference.health.lastOutcome).toBe('ok');
    });

    it('does not republish the same prices within the republish interval, and gives new ones a higher seq', async () => {
      sources.references.push(
        { bid: new Dec('12.34'), ask: new Dec('12.36'), mark: null, height: 10 },
        { bid: new Dec('12.34'), ask: new Dec('12.36'), mark: null, height: 11 },
        { bid: new Dec('12.35'), ask: new Dec('12.36'), mark: null, height: 12 },
      );
      // the poller stamps and gates by Date.now: pin it, so the polls are as far apart as the test says
      jest.useFakeTimers();
      try {
        await poller.poll(runtime(), 'reference');
        jest.advanceTimersByTime(settings.republishIntervalMs - 1);
        await poller.poll(runtime(), 'reference');
        await poller.poll(runtime(), 'reference');
      } finally {
        jest.useRealTimers();
      }
      const seqs = published.map((p) => (p.payload as { seq: number }).seq);
      expect(seqs).toHaveLength(2);
      expect(seqs[1]).toBeGreaterThan(seqs[0]);
    });
  });

  describe('when the book reply is good', () => {
    it('publishes the book and the trading tick', async () => {
      sources.books.push({ bids: [level('9.99', '2')], asks: [level('10.01')], height: 3 });
      await poller.poll(runtime(), 'book');
      expect(published.map((p) => p.subject)).toEqual(['md.book.sim.inj-usdt', 'md.price.sim.inj-usdt']);
      expect(published[0].payload).toMatchObject({ bids: [{ price: '9.99', quantity: '2' }], orderCount: 2, height: 3 });
      expect(published[1].payload).toMatchObject({ role: 'trading', mid: '10' });
    });

    it('publishes an empty book but no trading tick', async () => {
      sources.books.push({ bids: [], asks: [], height: 3 });
      await poller.poll(runtime(), 'book');
      expect(published.map((p) => p.subject)).toEqual(['md.book.sim.inj-usdt']);
    });
  });

  describe('when the reference book reply is good', () => {
    it('publishes the levels within 5 % of its mid on md.refbook.<mk> with role reference, and no price tick', async () => {
      // mid 10: the band is 9.5 … 10.5
      sources.refBooks.push({ bids: [level('9.9', '4'), level('9.5'), level('9.4')], asks: [level('10.1'), level('10.5'), level('10.6')], height: 8 });
      expect(await poller.poll(runtime(), 'refBook')).toEqual({ kind: 'ok' });
      expect(published).toEqual([
        {
          subject: 'md.refbook.inj-usdt',
          payload: expect.objectContaining({
            net: 'sim',
            role: 'reference',
            bids: [
              { price: '9.9', quantity: '4' },
              { price: '9.5', quantity: '1' },
            ],
            asks: [
              { price: '10.1', quantity: '1' },
              { price: '10.5', quantity: '1' },
            ],
            orderCount: 4,
            height: 8,
          }),
        },
      ]);
      expect(runtime().refBook.health.lastOutcome).toBe('ok');
    });

    it('guards its heights apart from the trading book (another chain on testnet)', async () => {
      sources.books.push({ bids: [level('9.99')], asks: [level('10.01')], height: 900 });
      sources.refBooks.push({ bids: [level('9.99')], asks: [level('10.01')], height: 7 });
      await poller.poll(runtime(), 'book');
      expect(await poller.poll(runtime(), 'refBook')).toEqual({ kind: 'ok' });
    });

    it('numbers its snapshots apart from the trading book', async () => {
      sources.books.push({ bids: [level('9.99')], asks: [level('10.01')], height: 3 });
      sources.refBooks.push({ bids: [level('12.1')], asks: [level('12.2')], height: 3 }, { bids: [level('12.0')], asks: [level('12.2')], height: 4 });
      await poller.poll(runtime(), 'refBook');
      await poller.poll(runtime(), 'book');
      await poller.poll(runtime(), 'refBook');
      const seqs = (subject: string) => published.filter((p) => p.subject === subject).map((p) => (p.payload as { seq: number }).seq);
      const [first, second] = seqs('md.refbook.inj-usdt');
      expect(second).toBeGreaterThan(first);
      expect(seqs('md.book.sim.inj-usdt')).toHaveLength(1);
    });
  });

  describe('when the reference book reply is bad', () => {
    it('publishes nothing for a crossed reference book, counts it on side refBook and leaves the trading book alone', async () => {
      const before = await rejections('crossed-book');
      sources.refBooks.push({ bids: [level('10.02')], asks: [level('10.01')], height: 3 });
      expect(await poller.poll(runtime(), 'refBook')).toMatchObject({ kind: 'rejected', reason: 'crossed-book' });
      expect(published).toEqual([]);
      expect(await rejections('crossed-book')).toBe(before + 1);
      expect(runtime().refBook.health).toMatchObject({ lastOutcome: 'rejected' });
      expect(runtime().book.health.lastOutcome).toBeNull();
    });

    it('records a failed read and keeps its last good time', async () => {
      sources.refBooks.push({ bids: [level('9.99')], asks: [level('10.01')], height: 3 }, new Error('socket hang up'));
      await poller.poll(runtime(), 'refBook');
      const good = runtime().refBook.health.lastGoodAt;
      expect(await poller.poll(runtime(), 'refBook')).toMatchObject({ kind: 'error', detail: 'socket hang up' });
      expect(runtime().refBook.health).toMatchObject({ lastOutcome: 'error', lastGoodAt: good, problem: 'socket hang up' });
      expect(published).toHaveLength(1);
    });
  });

  describe('when a reply is invalid', () => {
    it('publishes nothing for a crossed book, counts it and marks the side rejected', async () => {
      const before = await rejections('crossed-book');
      sources.books.push({ bids: [level('10.02')], asks: [level('10.01')], height: 3 });
      expect(await poller.poll(runtime(), 'book')).toMatchObject({ kind: 'rejected', reason: 'crossed-book' });
      expect(published).toEqual([]);
      expect(await rejections('crossed-book')).toBe(before + 1);
      expect(runtime().book.health).toMatchObject({ lastOutcome: 'rejected', problem: expect.stringContaining('crossed-book') });
    });

    it('publishes nothing for a garbage reply and counts it as malformed', async () => {
      const before = await rejections('malformed');
      sources.references.push(new MalformedResponseError('GET http://sim/x', '', 'body is not JSON'));
      expect(await poller.poll(runtime(), 'reference')).toMatchObject({ kind: 'rejected', reason: 'malformed' });
      expect(published).toEqual([]);
      expect(await rejections('malformed')).toBe(before + 1);
    });

    it('publishes nothing when the height went backwards', async () => {
      sources.references.push(
        { bid: new Dec('12.34'), ask: new Dec('12.36'), mark: null, height: 10 },
        { bid: new Dec('12.30'), ask: new Dec('12.36'), mark: null, height: 9 },
      );
      await poller.poll(runtime(), 'reference');
      const before = await rejections('height-regression');
      expect(await poller.poll(runtime(), 'reference')).toMatchObject({ kind: 'rejected', reason: 'height-regression' });
      expect(published).toHaveLength(1);
      expect(await rejections('height-regression')).toBe(before + 1);
    });
  });

  describe('when the source is unreachable', () => {
    it('reports host trouble without publishing, and keeps the last good time', async () => {
      sources.references.push({ bid: new Dec('12.34'), ask: new Dec('12.36'), mark: null, height: 10 });
      await poller.poll(runtime(), 'reference');
      const good = runtime().reference.health.lastGoodAt;
      sources.references.push(new ChainUnavailableError('GET http://sim/x', 'network', null));
      expect(await poller.poll(runtime(), 'reference')).toMatchObject({ kind: 'error', hostTrouble: true });
      expect(runtime().reference.health).toMatchObject({ lastOutcome: 'error', lastGoodAt: good });
      expect(published).toHaveLength(1);
    });
  });

  it('is busy while a read is in flight, and free after', async () => {
    let release!: (r: ReferenceReading) => void;
    sources.reference.read = () => new Promise<ReferenceReading>((resolve) => (release = resolve));
    const poll = poller.poll(runtime(), 'reference');
    expect(runtime().reference.busy).toBe(true);
    release({ bid: new Dec('1'), ask: new Dec('2'), mark: null, height: 1 });
    await poll;
    expect(runtime().reference.busy).toBe(false);
  });
});

import {
  reportMarkers,
  resolveStrategyParams,
  type ExecutionReport,
  type BookLevel,
  type BookSnapshot,
  type BotState,
  type FeedStatus,
  type PriceTick,
  type CreateOrderAction,
  type StoredBalances,
  type StoredOrder,
} from '@mirrorbook/contracts';
import type { BotEntry, MarketPair } from '@mirrorbook/config';
import { catalogMarkets } from '@mirrorbook/market';
import type { MessagingService } from '@mirrorbook/messaging';
import { startRedisServer, storedFees, type TestRedisServer } from '@mirrorbook/testing';
import Redis from 'ioredis';
import { BotParamsResolver } from '../bots/bot-params.resolver';
import { cidPrefixOf } from '../cycle/cid-prefix.factory';
import { CycleStateStore, cycleStateKey } from '../cycle/cycle-state.store';
import type { ReferenceFeedCache } from '../market-data/reference-feed.cache';
import { MarketCatalog } from '../markets/market.catalog';
import { StrategyStats } from '../metrics/strategy.stats';
import type { MarketState, MarketStateReader } from '../state/market-state.reader';
import { StateUnavailableError } from '../state/state-unavailable.error';
import { MarketEvaluator } from './market.evaluator';

const NOW = 1_700_000_000_000;
const spot = catalogMarkets().testnet.find((m) => m.ticker === 'INJ/USDT' && m.type === 'spot')!;
const PAIR: MarketPair = {
  key: 'inj-usdt',
  type: 'spot',
  mainnetMarketId: `0x${'01'.repeat(32)}`,
  testnetMarketId: spot.id,
  referencePrice: 'mid',
  strategy: {},
  enabled: true,
};
const BOTS: BotEntry[] = [
  { id: 'b1', wallet: 'w1', markets: ['inj-usdt'], params: {}, enabled: true },
  { id: 'b2', wallet: 'w2', markets: ['inj-usdt'], params: {}, enabled: true },
];

const tick = (overrides: Partial<PriceTick> = {}): PriceTick => ({
  v: 1,
  net: 'sim',
  role: 'reference',
  market: 'inj-usdt',
  bid: '24.99',
  ask: '25.01',
  mid: '25',
  last: null,
  source: 'mid',
  height: 1,
  ts: NOW - 1000,
  seq: 7,
  ...overrides,
});

const book = (seq = 3): BookSnapshot => ({ v: 1, net: 'sim', role: 'trading', market: 'inj-usdt', bids: [], asks: [], orderCount: 0, height: 1, ts: NOW - 200, seq });

const funded: StoredBalances = { height: 1, ts: NOW, balances: { inj: { symbol: 'INJ', available: '1000', total: '1000' }, [spot.quoteDenom]: { symbol: 'USDT', available: '100000', total: '100000' } } };

function marketState(overrides: { reference?: PriceTick; status?: FeedStatus; stored?: Record<string, BotState | string>; balances?: StoredBalances; bootstrapped?: boolean } = {}): MarketState {
  return {
    reference: 'reference' in overrides ? overrides.reference : tick(),
    status: overrides.status,
    bots: new Map(BOTS.map((b) => [b.id, { stored: overrides.stored?.[b.id] ?? null, orders: [] }])),
    bootstrapped: overrides.bootstrapped ?? true,
    balances: new Map(BOTS.map((b) => [b.wallet, overrides.balances ?? funded])),
    positions: new Map(),
    fees: new Map(),
  };
}

// the cycle claims are the real store's, on a real Redis
let server: TestRedisServer;
let redis: Redis;
beforeAll(async () => {
  server = await startRedisServer();
  redis = new Redis(server.url);
});
afterAll(async () => {
  redis.disconnect();
  await server.stop();
});
beforeEach(() => redis.flushall());

function setup(options: { state?: MarketState | Error | (() => MarketState); nats?: PriceTick; publish?: () => Promise<void>; latestBook?: BookSnapshot; awaitReportMs?: number; now?: () => number } = {}) {
  const catalog = new MarketCatalog([PAIR], undefined, 60_000);
  void catalog.load();
  const read = jest.fn(async () => {
    if (options.state instanceof Error) throw options.state;
    if (typeof options.state === 'function') return options.state();
    return options.state ?? marketState();
  });
  const publishDurable = jest.fn(options.publish ?? (async () => undefined));
  const stats = new StrategyStats();
  const cycles = new CycleStateStore(redis);
  const evaluator = new MarketEvaluator({
    config: { markets: [PAIR], bots: BOTS },
    settings: { bookNet: 'sim', referenceNet: 'sim', referenceMaxAgeMs: 15_000, bookMaxAgeMs: 10_000, awaitReportMs: options.awaitReportMs ?? 0, concurrency: 1, marketRefreshMs: 60_000 },
    catalog,
    reader: { read, latestBook: async () => options.latestBook } as unknown as MarketStateReader,
    referenceFeed: { reference: () => options.nats, status: () => undefined } as unknown as ReferenceFeedCache,
    cycles,
    params: new BotParamsResolver({ strategyDefaults: resolveStrategyParams() }),
    messaging: { publishDurable } as unknown as MessagingService,
    stats,
    now: options.now ?? (() => NOW),
  });
  const published = () => publishDurable.mock.calls.map(([subject, intent]: any[]) => ({ subject: subject.subject, intent }));
  return { evaluator, read, published, stats };
}

/** The staircase a first cycle places on an empty book, as the executor would store it, and the book levels it makes. */
async function restingStaircase(): Promise<{ staircase: StoredOrder[]; bids: BookLevel[]; asks: BookLevel[] }> {
  const first = setup();
  await first.evaluator.evaluate(book(3));
  const staircase: StoredOrder[] = first.published()[0]!.intent.plans[0].actions.map((a: CreateOrderAction, i: number) => ({
    orderHash: `0x${(i + 1).toString(16).padStart(64, '0')}`,
    cid: a.cid,
    side: a.side,
    price: a.price,
    quantity: a.quantity,
    createdAt: NOW - 60_000,
    height: 1,
  }));
  const level = (o: StoredOrder) => ({ price: o.price, quantity: o.quantity });
  return { staircase, bids: staircase.filter((o) => o.side === 'buy').map(level), asks: staircase.filter((o) => o.side === 'sell').map(level) };
}

const stopped = (bot: string): BotState => ({ v: 1, bot, desired: 'stopped', params: {}, by: 'test', updatedAt: NOW });

describe('MarketEvaluator', () => {
  describe('when every bot on the market runs and the inputs are fresh', () => {
    it('reads the market state once for all its bots', async () => {
      const { evaluator, read } = setup();
      await evaluator.evaluate(book());
      expect(read).toHaveBeenCalledTimes(1);
      expect(read).toHaveBeenCalledWith('inj-usdt', 'spot', BOTS);
    });

    it('publishes one durable intent per bot on intent.<wallet>', async () => {
      const { evaluator, published } = setup();
      await evaluator.evaluate(book());
      expect(published().map((p) => [p.subject, p.intent.bot])).toEqual([
        ['intent.w1', 'b1'],
        ['intent.w2', 'b2'],
      ]);
    });

    it('names the intent after the cid prefix and the claimed cycle index, with a deadline intentTtlMs ahead', async () => {
      const { evaluator, published } = setup();
      await evaluator.evaluate(book());
      const [{ intent }] = published();
      expect(intent).toMatchObject({ id: `${cidPrefixOf('b1', 'inj-usdt')}-${NOW.toString(36)}`, ts: NOW, deadline: NOW + 3000 });
      expect(intent.plans[0].basedOn).toEqual({ bookSeq: 3, priceSeq: 7, referencePrice: '25' });
    });

    it('plans the same intent from the same book and state (RNG seeded from bot, market and book seq)', async () => {
      const first = setup();
      await first.evaluator.evaluate(book(9));
      await redis.flushall();
      const second = setup();
      await second.evaluator.evaluate(book(9));
      expect(second.published()[0].intent).toEqual(first.published()[0].intent);
    });

    it('plans from the newer of the stored and the heard reference tick', async () => {
      const heard = tick({ ts: NOW - 100, seq: 8, mid: '25.5' });
      const { evaluator, published } = setup({ state: marketState({ reference: tick({ ts: NOW - 20_000, seq: 6 }) }), nats: heard });
      await evaluator.evaluate(book());
      expect(published()[0].intent.plans[0].basedOn).toMatchObject({ priceSeq: 8, referencePrice: '25.5' });
    });
  });

  describe('counting snapshots', () => {
    it('counts a snapshot taken up from md.book, and not a replan of a bot from the stored book', async () => {
      const { evaluator, published, stats } = setup({ latestBook: book(7) });
      await evaluator.evaluateStoredBooks('b1');
      expect(published().map((p) => p.intent.bot)).toEqual(['b1']);
      expect(stats.details()).toMatchObject({ snapshots: 0, evaluations: 1 });
      await evaluator.evaluate(book(8));
      expect(stats.details()).toMatchObject({ snapshots: 1, evaluations: 3 });
    });
  });

  describe('when an evaluation ends without an intent', () => {
    it('skips a stopped bot and still plans the others', async () => {
      const { evaluator, published, stats } = setup({ state: marketState({ stored: { b1: stopped('b1') } }) });
      await evaluator.evaluate(book());
      expect(published().map((p) => p.intent.bot)).toEqual(['b2']);
      expect(stats.details()).toMatchObject({ evaluations: 2, intents: 1, skips: 1 });
    });

    it('plans no bot without a bot:<id> record while bots:bootstrap is missing (fail closed), nor one whose record is unreadable', async () => {
      const lost = setup({ state: marketState({ bootstrapped: false }) });
      await lost.evaluator.evaluate(book());
      expect(lost.published()).toEqual([]);
      expect(lost.stats.details()).toMatchObject({ evaluations: 2, intents: 0, skips: 2 });
      const corrupt = setup({ state: marketState({ stored: { b1: '{nope' } }) });
      await corrupt.evaluator.evaluate(book());
      expect(corrupt.published().map((p) => p.intent.bot)).toEqual(['b2']);
    });

    it('does not claim a cycle for a skipped bot', async () => {
      const { evaluator } = setup({ state: marketState({ stored: { b1: stopped('b1') } }) });
      await evaluator.evaluate(book());
      expect(await redis.keys('strategy:cycle:*')).toEqual([cycleStateKey('b2', 'inj-usdt')]);
    });

    it('publishes nothing for an empty plan and counts no-change', async () => {
      const broke: StoredBalances = { height: 1, ts: NOW, balances: {} };
      const { evaluator, published, stats } = setup({ state: marketState({ balances: broke }) });
      await evaluator.evaluate(book());
      expect(published()).toEqual([]);
      expect(stats.details()).toMatchObject({ evaluations: 2, intents: 0, skips: 2, 'last.inj-usdt': 'skip no-change' });
    });

    it('counts not-due when maintenance waits for its interval and nothing needs to follow the price (docs/architecture.md#cadence)', async () => {
      // cycle 1 builds the staircase on the empty book; cycle 2 finds it resting, depth good: maintenance, due at once
      const { staircase, bids, asks } = await restingStaircase();
      const resting = (seq: number): BookSnapshot => ({ ...book(seq), bids, asks, orderCount: bids.length + asks.length });
      const state: MarketState = { ...marketState(), bots: new Map(BOTS.map((b) => [b.id, { stored: null, orders: staircase }])) };
      const { evaluator, published, stats } = setup({ state });
      await evaluator.evaluate(resting(4));
      expect(published().map((p) => p.intent.plans[0].phase)).toEqual(['MAINTENANCE', 'MAINTENANCE']);
      expect(await redis.hget(cycleStateKey('b1', 'inj-usdt'), 'maintainedAt')).toBe(String(NOW));
      // cycle 3, same instant, nothing moved: no intent
      await evaluator.evaluate(resting(5));
      expect(published()).toHaveLength(2);
      expect(stats.details()).toMatchObject({ intents: 2, skips: 2, 'last.inj-usdt': 'skip not-due' });
    });

    it("stretches the maintenance interval by cadence.slowFactor while the wallet's fee budget is slow (fees:<wallet>)", async () => {
      const { staircase, bids, asks } = await restingStaircase();
      const fees = (state: 'normal' | 'slow') => storedFees({}, { state, reason: state === 'slow' ? 'slow' : null });
      const stateWith = (budget: 'normal' | 'slow', now: () => number) => (): MarketState => ({
        ...marketState({ reference: tick({ ts: now() - 500 }) }),
        bots: new Map(BOTS.map((b) => [b.id, { stored: null, orders: staircase }])),
        fees: new Map(BOTS.map((b) => [b.wallet, { ...fees(budget), day: new Date(NOW).toISOString().slice(0, 10) }])),
      });
      // both cycles run 21 s after a maintenance (interval 20 s): normal maintains, slow waits (60 s)
      for (const [budget, phases] of [['normal', ['MAINTENANCE', 'MAINTENANCE']], ['slow', []]] as const) {
        await redis.flushdb();
        let now = NOW;
        const { evaluator, published } = setup({ state: stateWith(budget, () => now), now: () => now });
        const resting = (seq: number): BookSnapshot => ({ ...book(seq), bids, asks, orderCount: bids.length + asks.length, ts: now - 200 });
        await evaluator.evaluate(resting(4));
        const maintained = published().length;
        now += 21_000;
        await evaluator.evaluate(resting(5));
        expect(published().slice(maintained).map((p) => p.intent.plans[0].phase)).toEqual(phases);
      }
    });

    it('counts publish-failed when JetStream does not acknowledge', async () => {
      const { evaluator, stats } = setup({ publish: () => Promise.reject(new Error('no responders')) });
      await evaluator.evaluate(book());
      expect(stats.details()).toMatchObject({ evaluations: 2, intents: 0, skips: 2, 'last.inj-usdt': 'skip publish-failed' });
    });

    it('counts state-unavailable for each bot when Redis cannot be read', async () => {
      const { evaluator, published, stats } = setup({ state: new StateUnavailableError('Redis is reconnecting') });
      await evaluator.evaluate(book());
      expect(published()).toEqual([]);
      expect(stats.details()).toMatchObject({ evaluations: 2, skips: 2, 'last.inj-usdt': 'skip state-unavailable' });
    });

    it('counts invalid-input when the planner refuses the inputs', async () => {
      const { evaluator, stats } = setup({ state: marketState({ reference: tick({ mid: '0' }) }) });
      await evaluator.evaluate(book());
      expect(stats.details()).toMatchObject({ evaluations: 2, skips: 2, 'last.inj-usdt': 'skip invalid-input' });
    });

    it('counts one market-unknown evaluation for a market without configuration', async () => {
      const { evaluator, read, stats } = setup();
      await evaluator.evaluate({ ...book(), market: 'doge-usdt' });
      expect(read).not.toHaveBeenCalled();
      expect(stats.details()).toMatchObject({ evaluations: 1, skips: 1, 'last.doge-usdt': 'skip market-unknown' });
    });

    it('counts superseded for a book not newer than the last planned one', async () => {
      const { evaluator, published, stats } = setup();
      await evaluator.evaluate(book(5));
      await evaluator.evaluate(book(5));
      expect(published()).toHaveLength(2);
      expect(stats.details()).toMatchObject({ evaluations: 4, intents: 2, skips: 2, 'last.inj-usdt': 'skip superseded' });
    });
  });

  describe('waiting for the executor to report on the last intent', () => {
    const WAIT = 5000;
    const report = (intentIds: string[], overrides: Partial<ExecutionReport> = {}): ExecutionReport => ({
      v: 1,
      wallet: 'w1',
      intentIds,
      outcome: 'applied',
      txHash: null,
      height: 2,
      code: 0,
      codespace: null,
      createdOrderHashes: [],
      cancelledOrderHashes: [],
      failed: [],
      latency: { toBroadcastMs: 10, toInclusionMs: 400 },
      error: null,
      ts: NOW,
      ...overrides,
    });
    const idsOf = (published: { intent: { id: string; bot: string } }[], bot: string) => published.filter((p) => p.intent.bot === bot).map((p) => p.intent.id);

    it('skips newer books as awaiting-report until the intent is reported on (one intent in flight per bot and market)', async () => {
      const { evaluator, published, stats } = setup({ awaitReportMs: WAIT });
      await evaluator.evaluate(book(3));
      await evaluator.evaluate(book(4));
      await evaluator.evaluate(book(5));
      expect(published()).toHaveLength(2);
      expect(stats.details()).toMatchObject({ evaluations: 6, intents: 2, skips: 4, 'last.inj-usdt': 'skip awaiting-report' });
    });

    it("plans at once from the stored book when the report ends the wait, only the reported bot", async () => {
      const { evaluator, published } = setup({ awaitReportMs: WAIT, latestBook: { ...book(4), height: 2 } });
      await evaluator.evaluate(book(3));
      await evaluator.evaluate(book(4));
      expect(published()).toHaveLength(2);
      await evaluator.reported(report(idsOf(published(), 'b1')));
      expect(idsOf(published(), 'b1')).toEqual([`${cidPrefixOf('b1', 'inj-usdt')}-${NOW.toString(36)}`, `${cidPrefixOf('b1', 'inj-usdt')}-${(NOW + 1).toString(36)}`]);
      expect(published()[2].intent.plans[0].basedOn.bookSeq).toBe(4);
      expect(idsOf(published(), 'b2')).toHaveLength(1);
    });

    it('keeps waiting on a report that announces more (will retry), a report of another wallet, or of an unknown intent', async () => {
      const { evaluator, published } = setup({ awaitReportMs: WAIT, latestBook: book(4) });
      await evaluator.evaluate(book(3));
      const [id] = idsOf(published(), 'b1');
      await evaluator.reported(report([id], { outcome: 'failed', error: `broadcast timed out${reportMarkers.willRetry}` }));
      await evaluator.reported(report([id], { wallet: 'w2' }));
      await evaluator.reported(report(['someone-else-1', 'no-dash']));
      await evaluator.evaluate(book(5));
      expect(idsOf(published(), 'b1')).toEqual([id]);
    });

    it('keeps waiting on an unknown outcome (an accepted tx not settled yet), and plans once the report that settles it comes', async () => {
      const { evaluator, published } = setup({ awaitReportMs: WAIT, latestBook: { ...book(4), height: 3 } });
      await evaluator.evaluate(book(3));
      const [id] = idsOf(published(), 'b1');
      await evaluator.reported(report([id], { outcome: 'unknown', height: null, error: 'tx AB accepted, outcome unknown: no block after 2 for 60000 ms' }));
      await evaluator.evaluate(book(4));
      expect(idsOf(published(), 'b1')).toEqual([id]);
      await evaluator.reported(report([id], { outcome: 'applied', height: 3 }));
      expect(idsOf(published(), 'b1')).toHaveLength(2);
    });

    it('leaves the plan to the next snapshot when the stored book was read before the block of the tx', async () => {
      const { evaluator, published } = setup({ awaitReportMs: WAIT, latestBook: { ...book(4), height: 1 } });
      await evaluator.evaluate(book(3));
      await evaluator.evaluate(book(4));
      await evaluator.reported(report(idsOf(published(), 'b1'), { height: 2 }));
      expect(idsOf(published(), 'b1')).toHaveLength(1);
      await evaluator.evaluate({ ...book(5), height: 2 });
      expect(idsOf(published(), 'b1')).toHaveLength(2);
    });

    it('does not wait after a push (MARKET_MOVING): the next book is planned at once', async () => {
      // a testnet book 30 % above the reference with 2 × 20 levels: a gap to push, depth to push through
      const levels = (from: number, step: number) => Array.from({ length: 20 }, (_, i) => ({ price: (from + step * i).toFixed(3), quantity: '5' }));
      const mispriced = (seq: number): BookSnapshot => ({ ...book(seq), bids: levels(32.49, -0.05), asks: levels(32.51, 0.05), orderCount: 40 });
      const { evaluator, published } = setup({ awaitReportMs: WAIT });
      await evaluator.evaluate(mispriced(3));
      await evaluator.evaluate(mispriced(4));
      expect(published().filter((p) => p.intent.bot === 'b1').map((p) => p.intent.plans[0].phase)).toEqual(['MARKET_MOVING', 'MARKET_MOVING']);
    });

    it('does not wait after a cycle that published nothing (an empty plan)', async () => {
      const broke: StoredBalances = { height: 1, ts: NOW, balances: {} };
      const { evaluator, stats } = setup({ awaitReportMs: WAIT, state: marketState({ balances: broke }) });
      await evaluator.evaluate(book(3));
      await evaluator.evaluate(book(4));
      expect(stats.details()).toMatchObject({ evaluations: 4, skips: 4, 'last.inj-usdt': 'skip no-change' });
    });
  });

  // docs/architecture.md#cadence: a reference tick replans from the stored book when the
  // reference moved beyond the requote tolerance (at 25 with the defaults: more than 0.00125)
  describe('a reference tick', () => {
    const planned = async (evaluator: MarketEvaluator) => evaluator.evaluate(book(3));

    it('replans every running bot from the stored book when the reference moved beyond the tolerance', async () => {
      const { evaluator, published, stats } = setup({ latestBook: book(3) });
      await planned(evaluator);
      await evaluator.referenceTicked(tick({ seq: 8, ts: NOW - 100, mid: '25.01' }));
      expect(published().map((p) => [p.intent.bot, p.intent.plans[0].basedOn])).toEqual([
        ['b1', { bookSeq: 3, priceSeq: 7, referencePrice: '25' }],
        ['b2', { bookSeq: 3, priceSeq: 7, referencePrice: '25' }],
        ['b1', { bookSeq: 3, priceSeq: 8, referencePrice: '25.01' }],
        ['b2', { bookSeq: 3, priceSeq: 8, referencePrice: '25.01' }],
      ]);
      expect(stats.details()).toMatchObject({ snapshots: 1, ticks: 1, evaluations: 4, intents: 4, tickIntents: 2 });
    });

    it('gives the replan a new cycle index (a new intent id)', async () => {
      const { evaluator, published } = setup({ latestBook: book(3) });
      await planned(evaluator);
      await evaluator.referenceTicked(tick({ seq: 8, ts: NOW - 100, mid: '25.01' }));
      const ids = published().filter((p) => p.intent.bot === 'b1').map((p) => p.intent.id);
      expect(new Set(ids).size).toBe(2);
    });

    it('does not evaluate a bot whose reference moved within the tolerance, nor claim its cycle', async () => {
      const { evaluator, published, stats } = setup({ latestBook: book(3) });
      await planned(evaluator);
      const before = await redis.hgetall(cycleStateKey('b1', 'inj-usdt'));
      await evaluator.referenceTicked(tick({ seq: 8, ts: NOW - 100, mid: '25.001' }));
      expect(published()).toHaveLength(2);
      expect(stats.details()).toMatchObject({ ticks: 1, evaluations: 2, tickIntents: 0 });
      expect(await redis.hgetall(cycleStateKey('b1', 'inj-usdt'))).toEqual(before);
    });

    it('measures the move from the reference of the last plan, not of the last tick (small moves add up)', async () => {
      const { evaluator, published } = setup({ latestBook: book(3) });
      await planned(evaluator);
      await evaluator.referenceTicked(tick({ seq: 8, ts: NOW - 100, mid: '25.001' }));
      await evaluator.referenceTicked(tick({ seq: 9, ts: NOW - 50, mid: '25.002' }));
      expect(published().map((p) => p.intent.plans[0].basedOn.priceSeq)).toEqual([7, 7, 9, 9]);
    });

    it('plans a bot never planned on the market', async () => {
      const { evaluator, published } = setup({ latestBook: book(3) });
      await evaluator.referenceTicked(tick({ seq: 8, ts: NOW - 100 }));
      expect(published().map((p) => [p.intent.bot, p.intent.plans[0].basedOn.priceSeq])).toEqual([
        ['b1', 8],
        ['b2', 8],
      ]);
    });

    it('never plans one book and tick twice (a redelivered tick)', async () => {
      const { evaluator, published } = setup({ latestBook: book(3) });
      const moved = tick({ seq: 8, ts: NOW - 100, mid: '25.01' });
      await evaluator.referenceTicked(moved);
      await evaluator.referenceTicked(moved);
      expect(published()).toHaveLength(2);
    });

    it('does not evaluate a stopped bot', async () => {
      const { evaluator, published, stats } = setup({ latestBook: book(3), state: marketState({ stored: { b1: stopped('b1') } }) });
      await evaluator.referenceTicked(tick({ seq: 8, ts: NOW - 100 }));
      expect(published().map((p) => p.intent.bot)).toEqual(['b2']);
      expect(stats.details()).toMatchObject({ evaluations: 1, skips: 0 });
    });

    it('waits for the report of the last intent like a book does (awaiting-report)', async () => {
      const { evaluator, published, stats } = setup({ latestBook: book(3), awaitReportMs: 5000 });
      await planned(evaluator);
      await evaluator.referenceTicked(tick({ seq: 8, ts: NOW - 100, mid: '25.01' }));
      expect(published()).toHaveLength(2);
      expect(stats.details()).toMatchObject({ evaluations: 4, skips: 2, 'last.inj-usdt': 'skip awaiting-report' });
    });

    it('ignores a trading tick and a tick without a stored book', async () => {
      const trading = setup({ latestBook: book(3) });
      await trading.evaluator.referenceTicked(tick({ role: 'trading', seq: 8 }));
      const bookless = setup();
      await bookless.evaluator.referenceTicked(tick({ seq: 8 }));
      expect([...trading.published(), ...bookless.published()]).toEqual([]);
      expect(bookless.stats.details()).toMatchObject({ ticks: 1, evaluations: 0 });
    });
  });
});

describe('MarketEvaluator with the mainnet book stored by the feed (md:refbook)', () => {
  const refBook = (ts: number): BookSnapshot => ({
    ...book(),
    role: 'reference',
    bids: [{ price: '24.987', quantity: '20' }, { price: '24.9', quantity: '40' }],
    asks: [{ price: '25.013', quantity: '20' }, { price: '25.1', quantity: '40' }],
    orderCount: 4,
    ts,
  });
  const bestBidOf = (intent: { plans: { actions: CreateOrderAction[] }[] }) =>
    Math.max(...intent.plans[0]!.actions.filter((a) => a.type === 'create' && a.side === 'buy').map((a) => Number(a.price)));

  it('quotes at mainnet’s spread from a fresh book', async () => {
    const { evaluator, published } = setup({ state: { ...marketState(), refBook: refBook(NOW - 500) } });
    await evaluator.evaluate(book());
    expect(bestBidOf(published()[0]!.intent)).toBe(24.987);
  });

  it('falls back to the configured tiers from a book older than the reference max age', async () => {
    const { evaluator, published } = setup({ state: { ...marketState(), refBook: refBook(NOW - 20_000) } });
    await evaluator.evaluate(book());
    expect(bestBidOf(published()[0]!.intent)).toBeGreaterThan(24.99);
  });

  describe('a new mainnet book published (md.refbook), before the feed stored it', () => {
    const wider = (seq: number): BookSnapshot => ({
      ...refBook(NOW - 100),
      seq,
      bids: [{ price: '24.95', quantity: '20' }, { price: '24.9', quantity: '40' }],
      asks: [{ price: '25.05', quantity: '20' }, { price: '25.1', quantity: '40' }],
    });

    it('replans every running bot on the market from the stored book at once, against the published book', async () => {
      const { evaluator, published } = setup({ latestBook: book(3), state: { ...marketState(), refBook: { ...refBook(NOW - 500), seq: 1 } } });
      await evaluator.evaluate(book(3));
      expect(published().map((p) => bestBidOf(p.intent))).toEqual([24.987, 24.987]);
      await evaluator.referenceBookPublished(wider(2));
      const replans = published().slice(2);
      expect(replans.map((p) => [p.intent.bot, p.intent.plans[0]!.basedOn.bookSeq])).toEqual([
        ['b1', 3],
        ['b2', 3],
      ]);
      // the published book, not the one still stored: the best levels at its wider spread
      expect(replans.map((p) => bestBidOf(p.intent))).toEqual([24.95, 24.95]);
    });

    it('never plans one book, tick and mainnet book twice (a redelivered mainnet book)', async () => {
      const { evaluator, published } = setup({ latestBook: book(3), state: { ...marketState(), refBook: { ...refBook(NOW - 500), seq: 1 } } });
      await evaluator.evaluate(book(3));
      await evaluator.referenceBookPublished(wider(2));
      await evaluator.referenceBookPublished(wider(2));
      expect(published()).toHaveLength(4);
    });

    it('ignores a trading book and a market without bots', async () => {
      const { evaluator, published } = setup({ latestBook: book(3) });
      await evaluator.referenceBookPublished({ ...wider(2), role: 'trading' });
      await evaluator.referenceBookPublished({ ...wider(2), market: 'atom-usdt' });
      expect(published()).toHaveLength(0);
    });
  });
});

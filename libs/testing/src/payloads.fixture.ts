import type { BookSnapshot, ExecutionReport, FeedStatus, Heartbeat, OrderEvent, PriceTick, StoredBalances, StoredFees, StoredOrder } from '@mirrorbook/contracts';

/** Real contract payloads for seeding; every field valid, overridable. */
export const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;

export const priceTick = (over: Partial<PriceTick> = {}): PriceTick => ({
  v: 1, net: 'sim', role: 'reference', market: 'inj-usdt', bid: '24.99', ask: '25.01', mid: '25', last: null,
  source: 'mid', height: 100, ts: Date.now(), seq: 1, ...over,
});

/** A trading book around 25.5: 10 levels a side, 0.1 apart. */
export const book = (over: Partial<BookSnapshot> = {}): BookSnapshot => ({
  v: 1, net: 'sim', role: 'trading', market: 'inj-usdt',
  bids: Array.from({ length: 10 }, (_, i) => ({ price: (25.4 - i * 0.1).toFixed(1), quantity: '2' })),
  asks: Array.from({ length: 10 }, (_, i) => ({ price: (25.6 + i * 0.1).toFixed(1), quantity: '3' })),
  orderCount: 20, height: 100, ts: Date.now(), seq: 1, ...over,
});

export const feedStatus = (over: Partial<FeedStatus> = {}): FeedStatus => ({
  v: 1, market: 'inj-usdt', state: 'fresh', reference: { state: 'fresh', ageMs: 100 }, book: { state: 'fresh', ageMs: 200 },
  throttled: false, pollIntervalMs: 700, ts: Date.now(), seq: 1, ...over,
});

export const execReport = (over: Partial<ExecutionReport> = {}): ExecutionReport => ({
  v: 1, wallet: 'w1', intentIds: ['i-1'], outcome: 'applied', txHash: 'AB'.repeat(32), height: 101, code: 0, codespace: null,
  createdOrderHashes: [hash(1)], cancelledOrderHashes: [], failed: [], latency: { toBroadcastMs: 12, toInclusionMs: 900 },
  error: null, ts: Date.now(), ...over,
});

export const orderEvent = (over: Partial<OrderEvent> = {}): OrderEvent => ({
  v: 1, wallet: 'w1', market: 'inj-usdt', kind: 'created', orderHash: hash(1), cid: 'c-1', side: 'buy', price: '25.4',
  quantity: '1', reason: null, height: 101, ts: Date.now(), ...over,
});

export const heartbeat = (over: Partial<Heartbeat> = {}): Heartbeat => ({
  v: 1, app: 'executor', instance: 'exec-w1-a', version: '0.1.0', state: 'running', uptimeS: 42, rssBytes: 80_000_000,
  wallet: { id: 'w1', address: 'inj1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq0', subaccountId: `0x${'1'.repeat(40)}${'0'.repeat(24)}` },
  ts: Date.now(), ...over,
});

export const balances = (over: Partial<StoredBalances> = {}): StoredBalances => ({
  height: 100, ts: Date.now(),
  balances: { inj: { symbol: 'INJ', available: '100.5', total: '120' }, 'peggy0xdac17f958d2ee523a2206206994597c13d831ec7': { symbol: 'USDT', available: '2500', total: '3000' } },
  ...over,
});

/** `fees:<wallet>` of today (UTC): 1.2345 INJ in 38 txs, 4.1 INJ/day, runway 12.3 days, budget 5 INJ/day normal; `budget` overrides the budget's fields. */
export const storedFees = (over: Partial<StoredFees> = {}, budget: Partial<StoredFees['budget']> = {}): StoredFees => ({
  v: 1, ts: Date.now(), day: new Date().toISOString().slice(0, 10), todayInj: '1.2345', txsToday: 38, perDayInj: '4.1',
  availableInj: '51.5', reserveInj: '1', feeDenom: 'inj', runwayDays: '12.317073', ...over,
  budget: { dailyInj: '5', slowAtPct: 80, state: 'normal', reason: null, ...over.budget, ...budget },
});

export const storedOrder = (n: number, over: Partial<StoredOrder> = {}): StoredOrder => ({
  orderHash: hash(n), cid: `c-${n}`, side: 'buy', price: '25.4', quantity: '1', createdAt: Date.now(), height: 100, ...over,
});

/** JSON bytes as any NATS client publishes them. */
export const bytes = (payload: unknown) => new TextEncoder().encode(JSON.stringify(payload));

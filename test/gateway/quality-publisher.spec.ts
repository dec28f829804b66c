import type Redis from 'ioredis';
import type { NatsConnection } from 'nats';
import { register, type Gauge } from 'prom-client';
import { marketQualitySchema, QUALITY_KEY_TTL_WINDOWS, redisKeys, type BookSnapshot, type MarketQuality } from '@mirrorbook/contracts';
import { BookQualityWindow, marketQualityPayload, olpRuleFor, qualitySample, type OwnOrder } from '@mirrorbook/market';
import { book, bytes, eventually, rawClients, startTestServers, storedOrder, type TestServers } from '@mirrorbook/testing';
import { startGateway, type GatewayUnderTest } from './gateway.fixture';

const MARKET = 'inj-usdt';
const T0 = Date.now() - 10_000;

/** Mainnet: one level a side, mid 100, spread 10 bps. */
const mainnet = (over: Partial<BookSnapshot> = {}) =>
  book({ role: 'reference', net: 'mainnet', market: MARKET, bids: [{ price: '99.95', quantity: '10' }], asks: [{ price: '100.05', quantity: '10' }], orderCount: 2, ts: T0, seq: 1, ...over });

/** Testnet: mid 100.5 (50 bps above mainnet), spread 20 bps, twice mainnet's quantity. */
const testnet = (ts: number, seq: number) =>
  book({ market: MARKET, bids: [{ price: '100.3995', quantity: '20' }], asks: [{ price: '100.6005', quantity: '20' }], orderCount: 2, ts, seq });

/** w1's orders within 100 bps of the testnet mid: the bids reach 4 000 only together, one ask alone does. */
const ORDERS: OwnOrder[] = [
  { side: 'buy', price: '100', quantity: '25' },
  { side: 'buy', price: '100.4', quantity: '20' },
  { side: 'sell', price: '101', quantity: '40' },
];

async function gaugeValue(name: string, labels: Record<string, string>): Promise<number | undefined> {
  const metric = register.getSingleMetric(name) as Gauge | undefined;
  const values = (await metric?.get())?.values ?? [];
  return values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;
}

async function invalidCount(reason: string): Promise<number> {
  const metric = register.getSingleMetric('mirrorbook_invalid_messages_total');
  const values = (await metric?.get())?.values ?? [];
  return values.find((v) => v.labels.family === 'mdRefBook' && v.labels.reason === reason)?.value ?? 0;
}

describe('the gateway publishes book quality on md.quality.<mk>', () => {
  let servers: TestServers;
  let gw: GatewayUnderTest;
  let nc: NatsConnection;
  let redis: Redis;
  let closeRaw: () => Promise<void>;
  const heard: MarketQuality[] = [];

  beforeAll(async () => {
    servers = await startTestServers();
    ({ nc, redis, close: closeRaw } = await rawClients(servers.env));
    await redis.hset(
      redisKeys.orders('w1', MARKET),
      Object.fromEntries(
        ORDERS.map((o, i) => {
          const order = storedOrder(300 + i, { side: o.side, price: String(o.price), quantity: String(o.quantity) });
          return [order.orderHash, JSON.stringify(order)];
        }),
      ),
    );
    gw = await startGateway({ ...servers.env, QUALITY_PUBLISH_INTERVAL_MS: '0', QUALITY_WINDOW_MS: '60000' });
    const sub = nc.subscribe(`md.quality.${MARKET}`);
    void (async () => {
      for await (const msg of sub) heard.push(marketQualitySchema.parse(JSON.parse(new TextDecoder().decode(msg.data))));
    })();
    await nc.flush();
  });

  afterAll(async () => {
    await closeRaw?.();
    await gw?.close();
    await servers?.stop();
  });

  describe('when a reference book and two trading books a second apart arrive', () => {
    beforeAll(async () => {
      nc.publish(`md.refbook.${MARKET}`, bytes(mainnet()));
      await nc.flush();
      // the reference is applied before the first trading book: both come over one connection, in order
      nc.publish(`md.book.sim.${MARKET}`, bytes(testnet(T0 + 1000, 2)));
      nc.publish(`md.book.sim.${MARKET}`, bytes(testnet(T0 + 2000, 3)));
      await nc.flush();
      await eventually(() => heard.some((q) => q.ts === T0 + 2000), 10_000, 'md.quality after the second book');
    });

    it('publishes the figures libs/market gives for those books and orders', () => {
      const rule = olpRuleFor(MARKET); // MinDepth 4000: QUALITY_MIN_DEPTH's default
      const window = new BookQualityWindow(60_000);
      for (const ts of [T0 + 1000, T0 + 2000]) window.add(qualitySample({ testnet: testnet(ts, 0), mainnet: mainnet(), orders: ORDERS, rule, depthScale: '1', ts }));
      const expected = marketQualityPayload(MARKET, window.figures(T0 + 2000), { ts: T0 + 2000, rule, depthScale: '1' });
      expect(heard.find((q) => q.ts === T0 + 2000)).toEqual(expected);
    });

    it('measures 50 bps tracking, twice the spread, and uptime under the aggregate rule only', () => {
      const quality = heard.find((q) => q.ts === T0 + 2000)!;
      expect(quality).toMatchObject({ market: MARKET, windowMs: 60_000, samples: 2, depthScale: '1', rule: { maxSpreadBps: '100', minDepth: '4000' } });
      expect(quality.figures.trackingErrorRmsBps).toBe('50');
      expect(quality.figures.spreadRatio).toBe('2');
      expect(quality.figures.uptimePct).toEqual({ aggregate: '100', perOrder: '0' });
      // 10 bps band: testnet 100.3995 × 20 = 2007.99 against mainnet 99.95 × 10 = 999.5
      expect(quality.figures.depth[0]).toEqual({ bandBps: 10, depthRatio: { bids: '2.008994497248624312156078039019509754877', asks: '2.01100449775112443778110944527736131934' } });
    });

    it('sets the mirrorbook_quality_* gauges of the market', async () => {
      expect(await gaugeValue('mirrorbook_quality_tracking_rms_bps', { market: MARKET })).toBe(50);
      expect(await gaugeValue('mirrorbook_quality_spread_ratio', { market: MARKET })).toBe(2);
      expect(await gaugeValue('mirrorbook_quality_uptime_pct', { market: MARKET, rule: 'aggregate' })).toBe(100);
      expect(await gaugeValue('mirrorbook_quality_uptime_pct', { market: MARKET, rule: 'per_order' })).toBe(0);
      expect(await gaugeValue('mirrorbook_quality_depth_ratio', { market: MARKET, band_bps: '10', side: 'bids' })).toBeCloseTo(2.009, 3);
    });

    it('keeps the published payload in Redis quality:<mk>, expiring after 3 windows, for the CLI', async () => {
      const published = heard.find((q) => q.ts === T0 + 2000)!;
      // written right after the publish, in the background: wait for that write, not for a time
      const stored = await eventually(
        async () => {
          const raw = await redis.get(redisKeys.latestQuality(MARKET));
          const quality = raw === null ? undefined : marketQualitySchema.parse(JSON.parse(raw));
          return quality?.ts === T0 + 2000 ? quality : undefined;
        },
        10_000,
        'quality:<mk> of the second book',
      );
      expect(stored).toEqual(published);
      const ttlMs = await redis.pttl(redisKeys.latestQuality(MARKET));
      expect(ttlMs).toBeGreaterThan(2 * 60_000);
      expect(ttlMs).toBeLessThanOrEqual(QUALITY_KEY_TTL_WINDOWS * 60_000);
    });

    it('shows the figures in GET /api/markets', async () => {
      const markets = (await (await fetch(`${gw.url}/api/markets`)).json()) as { key: string; quality: MarketQuality | null }[];
      expect(markets.find((m) => m.key === MARKET)?.quality?.figures.spreadRatio).toBe('2');
    });
  });

  describe('when a reference book is crossed or not a reference', () => {
    it('counts and refuses it: the figures stay measured against the last good one', async () => {
      const [crossed, trading] = [await invalidCount('crossed-book'), await invalidCount('not-reference')];
      nc.publish(`md.refbook.${MARKET}`, bytes(mainnet({ bids: [{ price: '101', quantity: '1' }], asks: [{ price: '100', quantity: '1' }], ts: T0 + 2500, seq: 4 })));
      nc.publish(`md.refbook.${MARKET}`, bytes(mainnet({ role: 'trading', bids: [{ price: '90', quantity: '1' }], ts: T0 + 2600, seq: 5 })));
      nc.publish(`md.book.sim.${MARKET}`, bytes(testnet(T0 + 3000, 6)));
      await nc.flush();
      await eventually(() => heard.some((q) => q.ts === T0 + 3000), 10_000, 'md.quality after the third book');
      expect(await invalidCount('crossed-book')).toBe(crossed + 1);
      expect(await invalidCount('not-reference')).toBe(trading + 1);
      expect(heard.find((q) => q.ts === T0 + 3000)?.figures.trackingErrorRmsBps).toBe('50');
    });
  });
});

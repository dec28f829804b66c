import { bookSnapshotSchema, feedStatusSchema, redisKeys, type BookSnapshot } from '@mirrorbook/contracts';
import { Dec } from '@mirrorbook/market';
import { eventually, injUsdtMarkets, NO_BOTS, rawClients, startTestServers, writeConfigDir, type ConfigDir, type TestServers } from '@mirrorbook/testing';
import { FeedProcess } from './support/feed.fixture';
import { LcdProxy } from './support/lcd-proxy.fixture';
import { MdRecorder, type Received } from './support/md.recorder';
import { placeSpotOrders } from './support/sim-orders.fixture';
import { SimProcess } from './support/sim.fixture';

const [mainnet, testnet] = [injUsdtMarkets('mainnet'), injUsdtMarkets('testnet')];
const SPOT = { key: 'inj-usdt', mainnet: mainnet.spot, testnet: testnet.spot };
const PERP = { key: 'inj-usdt-perp', mainnet: mainnet.perp, testnet: testnet.perp };
const POLL_MS = 400;
/** every 2nd poll of a market */
const REF_BOOK_MS = 800;
const STALE_AFTER_MS = 1500;
/** the reference book's stale threshold: FEED_STALE_AFTER_MS raised to 3 of its intervals */
const REF_BOOK_STALE_MS = 3 * REF_BOOK_MS;
/** how long a test waits for what takes a few reads: a deadline, not a claim */
const WAIT_MS = 20_000;

const refBookOf = (mk: string) => (m: Received) => m.subject === `md.refbook.${mk}`;
const statusOf = (predicate: (s: Record<string, any>) => boolean) => (m: Received) => m.subject === `md.status.${SPOT.key}` && predicate(m.payload);
const readFrom = (height: number) => (m: Received) => (m.payload.height as number) >= height;
const pricesOf = (book: BookSnapshot) => [...book.bids, ...book.asks].map((l) => l.price);

describe('the price feed reading the reference (mainnet) book on the simulator', () => {
  let servers: TestServers;
  let sim: SimProcess;
  let proxy: LcdProxy;
  let feed: FeedProcess;
  let md: MdRecorder;
  let config: ConfigDir;
  let clients: Awaited<ReturnType<typeof rawClients>>;

  const stored = async (key: string) => bookSnapshotSchema.parse(JSON.parse((await clients.redis.get(key)) ?? 'null'));

  beforeAll(async () => {
    servers = await startTestServers();
    sim = await SimProcess.start({ ...servers.env, SIM_BLOCK_MS: '0' });
    proxy = await LcdProxy.start(sim.url);
    md = await MdRecorder.start(servers.nats.url);
    clients = await rawClients(servers.env);
    config = writeConfigDir({
      markets: [
        { key: SPOT.key, type: 'spot', mainnetMarketId: SPOT.mainnet.id, testnetMarketId: SPOT.testnet.id },
        { key: PERP.key, type: 'derivative', mainnetMarketId: PERP.mainnet.id, testnetMarketId: PERP.testnet.id },
      ],
      bots: NO_BOTS,
    });
    feed = await FeedProcess.start({
      ...servers.env,
      NETWORK: 'sim',
      SIM_LCD_URL: proxy.url,
      CONFIG_DIR: config.dir,
      FEED_POLL_INTERVAL_MS: String(POLL_MS),
      FEED_REF_BOOK_INTERVAL_MS: String(REF_BOOK_MS),
      FEED_STALE_AFTER_MS: String(STALE_AFTER_MS),
      HEARTBEAT_INTERVAL_MS: '1500',
    });
    await md.waitFor(refBookOf(SPOT.key), WAIT_MS, 0, 'the first reference book');
  }, 90_000);

  afterEach(() => {
    if (proxy) proxy.tamper = undefined;
  });

  afterAll(async () => {
    await feed?.stop('SIGKILL');
    await md?.close();
    await clients?.close();
    await proxy?.close();
    await sim?.stop();
    await servers?.stop();
    config?.remove();
  });

  describe('when the mainnet and the testnet books differ', () => {
    it('publishes the mainnet book on md.refbook.<mk> (role reference, within 5 % of its mid) and the testnet one on md.book', async () => {
      await sim.setPrice(SPOT.mainnet.id, '13.37');
      await sim.produceBlocks(1);
      // besides the sim's own ladder (±1.7 % around 13.37): one mainnet bid inside the 5 % band, two levels beyond it
      await placeSpotOrders(sim, SPOT.mainnet, [
        { side: 'buy', postOnly: true, price: new Dec('13'), quantity: new Dec('2'), cid: 'ref-inside' },
        { side: 'buy', postOnly: true, price: new Dec('12'), quantity: new Dec('2'), cid: 'ref-below' },
        { side: 'sell', postOnly: true, price: new Dec('15'), quantity: new Dec('2'), cid: 'ref-above' },
      ]);
      await placeSpotOrders(sim, SPOT.testnet, [
        { side: 'buy', postOnly: true, price: new Dec('9.5'), quantity: new Dec('2'), cid: 'trading-bid' },
        { side: 'sell', postOnly: true, price: new Dec('10.5'), quantity: new Dec('3'), cid: 'trading-ask' },
      ]);
      const included = await sim.produceBlocks(1);

      const message = await md.waitFor((m) => refBookOf(SPOT.key)(m) && readFrom(included)(m), WAIT_MS, 0, `a reference book read at height ${included}+`);
      const ref = bookSnapshotSchema.parse(message.payload);
      expect(ref).toMatchObject({ v: 1, net: 'sim', role: 'reference', market: SPOT.key, orderCount: ref.bids.length + ref.asks.length });
      const mid = new Dec(ref.bids[0].price).plus(ref.asks[0].price).dividedBy(2);
      expect(mid.minus('13.37').abs().lessThan('0.1')).toBe(true);
      for (const price of pricesOf(ref)) expect({ price, inBand: new Dec(price).minus(mid).abs().lessThanOrEqualTo(mid.times('0.05')) }).toEqual({ price, inBand: true });
      expect(ref.bids).toContainEqual({ price: '13', quantity: '2' });
      expect(pricesOf(ref)).not.toEqual(expect.arrayContaining(['12']));
      expect(pricesOf(ref)).not.toEqual(expect.arrayContaining(['15']));
      expect(pricesOf(ref)).not.toEqual(expect.arrayContaining(['9.5']));

      const trading = await md.waitFor((m) => m.subject === `md.book.sim.${SPOT.key}` && readFrom(included)(m), WAIT_MS, 0, `a trading book read at height ${included}+`);
      // prices only: the sim's synthetic takers may fill some of the testnet orders
      const book = bookSnapshotSchema.parse(trading.payload);
      expect({ role: book.role, bids: book.bids.map((l) => l.price), asks: book.asks.map((l) => l.price) }).toEqual({ role: 'trading', bids: ['9.5'], asks: ['10.5'] });
    });

    it('reads the derivative market of a perp pair from its mainnet side too', async () => {
      const message = await md.waitFor(refBookOf(PERP.key), WAIT_MS, 0, 'a perp reference book');
      expect(message.payload).toMatchObject({ net: 'sim', role: 'reference', market: PERP.key });
      expect((message.payload.bids as unknown[]).length).toBeGreaterThan(0);
    });

    it('keeps the latest reference book in md:refbook:<mk>, apart from the trading book in md:book:<mk>', async () => {
      const latest = await eventually(
        async () => {
          const [kept, last] = [await stored(redisKeys.latestRefBook(SPOT.key)), md.on(`md.refbook.${SPOT.key}`).at(-1)];
          return kept.seq === last?.payload.seq && kept;
        },
        WAIT_MS,
        'md:refbook:inj-usdt to hold the latest md.refbook.inj-usdt',
      );
      expect(latest).toMatchObject({ role: 'reference', market: SPOT.key });
      expect(await stored(redisKeys.latestBook(SPOT.key))).toMatchObject({ role: 'trading', bids: [{ price: '9.5' }] });
    });
  });

  describe('when reading the mainnet book fails', () => {
    it(`keeps serving the last one, says refBook stale once ${REF_BOOK_STALE_MS} ms passed without a good read, and recovers`, async () => {
      const feedPid = feed.proc.pid;
      const since = performance.now();
      proxy.tamper = (path) =>
        path.includes(`/spot/orderbook/${SPOT.mainnet.id}`) ? { status: 404, body: JSON.stringify({ code: 5, message: 'orderbook not found' }) } : undefined;

      const stale = await md.waitFor(statusOf((s) => s.refBook?.state === 'stale'), WAIT_MS, since, 'a status with a stale reference book');
      const status = feedStatusSchema.parse(stale.payload);
      // the pair trades on: the reference price and the trading book are fine, and decide `state`
      expect(status).toMatchObject({ state: 'fresh', reference: { state: 'fresh' }, book: { state: 'fresh' } });
      expect(status.refBook).toMatchObject({ reason: expect.stringContaining('404') });
      expect(status.refBook!.ageMs).toBeGreaterThan(REF_BOOK_STALE_MS);

      // every read after the status fails: nothing more on md.refbook.inj-usdt, and Redis keeps the last good one
      const lastGood = md.on(`md.refbook.${SPOT.key}`).at(-1)!;
      await eventually(async () => (await feed.metric('mirrorbook_feed_source_errors_total', { code: 'LCD_REQUEST_FAILED' })) >= 3, WAIT_MS, 'three failed reads');
      await md.waitFor(refBookOf(PERP.key), WAIT_MS, performance.now(), 'the perp reference book, still read');
      expect(md.messages.slice(md.messages.indexOf(stale) + 1).filter(refBookOf(SPOT.key))).toEqual([]);
      expect((await stored(redisKeys.latestRefBook(SPOT.key))).seq).toBe(lastGood.payload.seq);
      expect(feed.proc.running && feed.proc.pid === feedPid).toBe(true);

      proxy.tamper = undefined;
      const healed = performance.now();
      await md.waitFor(statusOf((s) => s.refBook?.state === 'fresh'), WAIT_MS, healed, 'a fresh reference book after the fault');
      const next = await md.waitFor(refBookOf(SPOT.key), WAIT_MS, healed, 'a reference book after the fault');
      expect(next.payload.seq as number).toBeGreaterThan(lastGood.payload.seq as number);
    });
  });
});

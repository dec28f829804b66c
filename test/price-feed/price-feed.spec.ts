import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets, NO_BOTS, startTestServers, writeConfigDir, type ConfigDir, type TestServers } from '@mirrorbook/testing';
import { FeedProcess } from './support/feed.fixture';
import { LcdProxy } from './support/lcd-proxy.fixture';
import { MdRecorder, type Received } from './support/md.recorder';
import { placeSpotOrders } from './support/sim-orders.fixture';
import { SimProcess } from './support/sim.fixture';

const [mainnet, testnet] = [injUsdtMarkets('mainnet'), injUsdtMarkets('testnet')];
const SPOT = { key: 'inj-usdt', mainnet: mainnet.spot, testnet: testnet.spot };
const PERP = { key: 'inj-usdt-perp', mainnet: mainnet.perp, testnet: testnet.perp };
const POLL_MS = 400;
const HEARTBEAT_MS = 1500;
/** how long a test waits for a read it expects: many poll intervals, so a busy machine only slows it */
const WAIT_MS = 25 * POLL_MS;

const isReference = (mk: string) => (m: Received) => m.subject === `md.price.sim.${mk}` && m.payload.role === 'reference';
const isBook = (m: Received) => m.subject === `md.book.sim.${SPOT.key}`;
/** read at or after block `height`: the feed's first read that can see what that block changed */
const readFrom = (height: number) => (m: Received) => (m.payload.height as number) >= height;

describe('the price feed against the simulator (blocks on demand)', () => {
  let servers: TestServers;
  let sim: SimProcess;
  let proxy: LcdProxy;
  let feed: FeedProcess;
  let md: MdRecorder;
  let config: ConfigDir;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    servers = await startTestServers();
    sim = await SimProcess.start({ ...servers.env, SIM_BLOCK_MS: '0' });
    proxy = await LcdProxy.start(sim.url);
    md = await MdRecorder.start(servers.nats.url);
    config = writeConfigDir({
      markets: [
        { key: SPOT.key, type: 'spot', mainnetMarketId: SPOT.mainnet.id, testnetMarketId: SPOT.testnet.id },
        { key: PERP.key, type: 'derivative', mainnetMarketId: PERP.mainnet.id, testnetMarketId: PERP.testnet.id, referencePrice: 'mark' },
      ],
      bots: NO_BOTS,
    });
    env = {
      ...servers.env,
      NETWORK: 'sim',
      SIM_LCD_URL: proxy.url,
      CONFIG_DIR: config.dir,
      FEED_POLL_INTERVAL_MS: String(POLL_MS),
      HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_MS),
    };
    feed = await FeedProcess.start(env);
    await md.waitFor(isReference(SPOT.key), 20_000, 0, 'the first reference tick');
  }, 90_000);

  afterAll(async () => {
    await feed?.stop('SIGKILL');
    await md?.close();
    await proxy?.close();
    await sim?.stop();
    await servers?.stop();
    config?.remove();
  });

  describe('when the mainnet price moves', () => {
    it('publishes a reference tick at the new price on md.price.sim.<mk> from its first read of the block that moved it', async () => {
      await sim.setPrice(SPOT.mainnet.id, '13.37');
      const moved = await sim.produceBlocks(1);
      const tick = await md.waitFor((m) => isReference(SPOT.key)(m) && readFrom(moved)(m), WAIT_MS, 0, `a reference tick read at height ${moved}+`);
      expect(new Dec(tick.payload.mid as string).minus('13.37').abs().lessThan('0.02')).toBe(true);
      expect(tick.payload).toMatchObject({ v: 1, net: 'sim', role: 'reference', market: SPOT.key, source: 'mid' });
      expect(new Dec(tick.payload.bid as string).lessThan(tick.payload.ask as string)).toBe(true);
    });

    it('follows the oracle mark price for a perp configured with referencePrice "mark"', async () => {
      await sim.setPrice(PERP.mainnet.id, '24.5');
      const moved = await sim.produceBlocks(1);
      const reply = (await (await fetch(`${sim.url}/injective/exchange/v2/derivative/markets/${PERP.mainnet.id}`)).json()) as {
        market: { mark_price: string };
      };
      const mark = new Dec(reply.market.mark_price).toFixed();
      const tick = await md.waitFor((m) => isReference(PERP.key)(m) && readFrom(moved)(m), WAIT_MS, 0, `a mark-price tick read at height ${moved}+`);
      expect(tick.payload).toMatchObject({ role: 'reference', source: 'mark', mid: mark });
      expect(new Dec(mark).minus('24.5').abs().lessThan('0.5')).toBe(true);
    });
  });

  describe('when orders are placed on the testnet market', () => {
    it('shows them in the next md.book snapshot, with a higher seq, and publishes the trading tick', async () => {
      const before = md.on(`md.book.sim.${SPOT.key}`).at(-1);
      await placeSpotOrders(sim, SPOT.testnet, [
        { side: 'buy', postOnly: true, price: new Dec('9.5'), quantity: new Dec('2'), cid: 'feed-test-bid' },
        { side: 'sell', postOnly: true, price: new Dec('10.5'), quantity: new Dec('3'), cid: 'feed-test-ask' },
      ]);
      const included = await sim.produceBlocks(1);
      const book = await md.waitFor((m) => isBook(m) && readFrom(included)(m), WAIT_MS, 0, `a book read at height ${included}+`);
      expect(book.payload).toMatchObject({
        role: 'trading',
        bids: [{ price: '9.5', quantity: '2' }],
        asks: [{ price: '10.5', quantity: '3' }],
        orderCount: 2,
      });
      if (before) expect(book.payload.seq as number).toBeGreaterThan(before.payload.seq as number);
      const trading = await md.waitFor(
        (m) => m.subject === `md.price.sim.${SPOT.key}` && m.payload.role === 'trading' && readFrom(included)(m),
        WAIT_MS,
        0,
        `a trading tick read at height ${included}+`,
      );
      expect(trading.payload).toMatchObject({ bid: '9.5', ask: '10.5', mid: '10' });
    });
  });

  describe('when nothing changes', () => {
    it('republishes an unchanged book at most once per heartbeat interval', async () => {
      const since = performance.now();
      const first = await md.waitFor(isBook, WAIT_MS, since, 'an unchanged book');
      await md.waitFor((m) => isBook(m) && (m.payload.seq as number) > (first.payload.seq as number), WAIT_MS, since, 'a second unchanged book');
      const books = md.on(`md.book.sim.${SPOT.key}`, since);
      // polled every 400 ms, yet an unchanged book goes out again only once a heartbeat interval
      // has passed on the feed's own clock (each payload's ts is the read that was published)
      expect(books.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < books.length; i++) {
        expect((books[i].payload.ts as number) - (books[i - 1].payload.ts as number)).toBeGreaterThanOrEqual(HEARTBEAT_MS);
        expect({ ...books[i].payload, ts: 0, height: 0, seq: 0 }).toEqual({ ...books[i - 1].payload, ts: 0, height: 0, seq: 0 });
      }
    });
  });

  it('answers /health ready and reports its markets and cadence in md.status and the heartbeat', async () => {
    const health = (await (await fetch(`${feed.url}/health`)).json()) as { status: string; checks: Record<string, boolean> };
    expect(health).toMatchObject({ status: 'ok', checks: { 'price-feed': true } });
    const status = await md.waitFor((m) => m.subject === `md.status.${SPOT.key}` && m.payload.state === 'fresh', 5000);
    expect(status.payload).toMatchObject({ throttled: false, pollIntervalMs: POLL_MS, reference: { state: 'fresh' }, book: { state: 'fresh' } });
    const beats = await MdRecorder.start(servers.nats.url, 'svc.heartbeat.price-feed.>');
    try {
      const beat = await beats.waitFor(() => true, 2 * HEARTBEAT_MS, 0, 'a price-feed heartbeat');
      expect(beat.payload).toMatchObject({ state: 'running', details: { markets: 2, throttled: false, pollIntervalMs: POLL_MS, polling: 'running' } });
    } finally {
      await beats.close();
    }
  });

  describe('when the feed restarts', () => {
    it('continues every seq above the ones it published before', async () => {
      const last = (subject: string, role: string) => md.messages.filter((m) => m.subject === subject && m.payload.role === role).at(-1)!;
      const lastBook = last(`md.book.sim.${SPOT.key}`, 'trading').payload.seq as number;
      const lastRef = last(`md.price.sim.${SPOT.key}`, 'reference').payload.seq as number;
      // slow replies, so that reads are in flight when SIGTERM arrives
      await sim.faults({ latencyMs: 300 });
      const slowSince = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 2 * POLL_MS));
      expect(await feed.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      await sim.faults({ reset: true });
      const slowReads = proxy.requests.filter((r) => r.at >= slowSince);
      expect(slowReads.length).toBeGreaterThan(0);
      // it stopped taking work at once, by its own record of the requests it started...
      const [, startedBeforeStop] = feed.proc.logs().match(/stopping: no new LCD requests; \d+ reads in flight, (\d+) requests started so far/)!;
      const [, startedInAll, startedAfter] = feed.proc.logs().match(/stopped: (\d+) LCD requests started in all, (\d+) after the stop began/)!;
      expect(Number(startedAfter)).toBe(0);
      expect(startedInAll).toBe(startedBeforeStop);
      // ...every one of them reached the LCD, nothing else did, and the reads it had sent finished
      expect(proxy.requests).toHaveLength(Number(startedInAll));
      expect(slowReads.filter((r) => r.outcome !== 'answered')).toEqual([]);
      const restarted = performance.now();
      feed = await FeedProcess.start(env);
      const book = await md.waitFor(isBook, 20_000, restarted);
      const ref = await md.waitFor(isReference(SPOT.key), 20_000, restarted);
      expect(book.payload.seq as number).toBeGreaterThan(lastBook);
      expect(ref.payload.seq as number).toBeGreaterThan(lastRef);
    });
  });
});

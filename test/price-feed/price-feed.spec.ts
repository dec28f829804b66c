import { fixtureMarkets } from '@mirrorbook/market';
import { Dec } from '@mirrorbook/market';
import { startTestServers, type TestServers } from '@mirrorbook/testing';
import { FeedProcess, removeDir, writeConfigDir } from './support/feed.fixture';
import { LcdProxy } from './support/lcd-proxy.fixture';
import { MdRecorder, type Received } from './support/md.recorder';
import { placeSpotOrders } from './support/sim-orders.fixture';
import { SimProcess } from './support/sim.fixture';

const { mainnet, testnet } = fixtureMarkets();
const byTicker = (list: typeof mainnet, ticker: string) => list.find((m) => m.ticker === ticker)!;
const SPOT = { key: 'inj-usdt', mainnet: byTicker(mainnet, 'INJ/USDT'), testnet: byTicker(testnet, 'INJ/USDT') };
const PERP = { key: 'inj-usdt-perp', mainnet: byTicker(mainnet, 'INJ/USDT PERP'), testnet: byTicker(testnet, 'INJ/USDT PERP') };
const POLL_MS = 400;
const HEARTBEAT_MS = 1500;
/** what a poll may take beyond its slot on a busy CI machine: the request itself */
const REQUEST_SLACK_MS = 300;

const isReference = (mk: string) => (m: Received) => m.subject === `md.price.sim.${mk}` && m.payload.role === 'reference';
const isBook = (m: Received) => m.subject === `md.book.sim.${SPOT.key}`;

describe('the price feed against the simulator (blocks on demand)', () => {
  let servers: TestServers;
  let sim: SimProcess;
  let proxy: LcdProxy;
  let feed: FeedProcess;
  let md: MdRecorder;
  let configDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    servers = await startTestServers();
    sim = await SimProcess.start({ ...servers.env, SIM_BLOCK_MS: '0' });
    proxy = await LcdProxy.start(sim.url);
    md = await MdRecorder.start(servers.nats.url);
    configDir = writeConfigDir([
      { key: SPOT.key, type: 'spot', mainnetMarketId: SPOT.mainnet.id, testnetMarketId: SPOT.testnet.id },
      { key: PERP.key, type: 'derivative', mainnetMarketId: PERP.mainnet.id, testnetMarketId: PERP.testnet.id, referencePrice: 'mark' },
    ]);
    env = {
      ...servers.env,
      NETWORK: 'sim',
      SIM_LCD_URL: proxy.url,
      CONFIG_DIR: configDir,
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
    removeDir(configDir);
  });

  describe('when the mainnet price moves', () => {
    it(`publishes a reference tick at the new price on md.price.sim.<mk> within one poll interval (${POLL_MS} ms)`, async () => {
      await sim.setPrice(SPOT.mainnet.id, '13.37');
      await sim.produceBlocks(1);
      const moved = performance.now();
      const tick = await md.waitFor(
        (m) => isReference(SPOT.key)(m) && new Dec(m.payload.mid as string).minus('13.37').abs().lessThan('0.02'),
        POLL_MS + REQUEST_SLACK_MS,
        moved,
        'a reference tick near 13.37',
      );
      expect(tick.payload).toMatchObject({ v: 1, net: 'sim', role: 'reference', market: SPOT.key, source: 'mid' });
      expect(new Dec(tick.payload.bid as string).lessThan(tick.payload.ask as string)).toBe(true);
    });

    it('follows the oracle mark price for a perp configured with referencePrice "mark"', async () => {
      await sim.setPrice(PERP.mainnet.id, '24.5');
      await sim.produceBlocks(1);
      const moved = performance.now();
      const reply = (await (await fetch(`${sim.url}/injective/exchange/v2/derivative/markets/${PERP.mainnet.id}`)).json()) as {
        market: { mark_price: string };
      };
      const mark = new Dec(reply.market.mark_price).toFixed();
      const tick = await md.waitFor(
        (m) => isReference(PERP.key)(m) && m.payload.mid === mark,
        POLL_MS + REQUEST_SLACK_MS,
        moved,
        `a mark-price tick at ${mark}`,
      );
      expect(tick.payload).toMatchObject({ role: 'reference', source: 'mark' });
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
      await sim.produceBlocks(1);
      const included = performance.now();
      const book = await md.waitFor(
        (m) => isBook(m) && (m.payload.bids as { price: string }[]).some((l) => l.price === '9.5'),
        POLL_MS + REQUEST_SLACK_MS,
        included,
        'a book with the new bid',
      );
      expect(book.payload).toMatchObject({
        role: 'trading',
        bids: [{ price: '9.5', quantity: '2' }],
        asks: [{ price: '10.5', quantity: '3' }],
        orderCount: 2,
      });
      if (before) expect(book.payload.seq as number).toBeGreaterThan(before.payload.seq as number);
      const trading = await md.waitFor((m) => m.subject === `md.price.sim.${SPOT.key}` && m.payload.role === 'trading', 2000, included);
      expect(trading.payload).toMatchObject({ bid: '9.5', ask: '10.5', mid: '10' });
    });
  });

  describe('when nothing changes', () => {
    it('republishes an unchanged book at most once per heartbeat interval', async () => {
      const since = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 3 * HEARTBEAT_MS + 200));
      const books = md.on(`md.book.sim.${SPOT.key}`, since);
      // polled ~11 times in that window; an unchanged book goes out once per heartbeat interval
      expect(books.length).toBeGreaterThanOrEqual(2);
      expect(books.length).toBeLessThanOrEqual(4);
      for (let i = 1; i < books.length; i++) expect(books[i].at - books[i - 1].at).toBeGreaterThan(HEARTBEAT_MS - 100);
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
      const sigterm = performance.now();
      expect(await feed.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      await sim.faults({ reset: true });
      const slowReads = proxy.requests.filter((r) => r.at >= slowSince);
      expect(slowReads.length).toBeGreaterThan(0);
      // it stopped taking work at once and let the reads it had sent finish
      expect(proxy.requests.filter((r) => r.at > sigterm + 50)).toEqual([]);
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

import { Dec } from '@mirrorbook/market';
import { eventually, injUsdtMarkets, NO_BOTS, startTestServers, writeConfigDir, type ConfigDir, type TestServers } from '@mirrorbook/testing';
import { FeedProcess } from './support/feed.fixture';
import { LcdProxy } from './support/lcd-proxy.fixture';
import { MdRecorder, type Received } from './support/md.recorder';
import { SimProcess } from './support/sim.fixture';

const MAINNET = injUsdtMarkets('mainnet').spot;
const TESTNET = injUsdtMarkets('testnet').spot;
const MK = 'inj-usdt';
const POLL_MS = 300;
const STALE_AFTER_MS = 1500;
/** the feed re-evaluates its status every sixth of the stale threshold (StatusReporter.tickMs) */
const STATUS_TICK_MS = STALE_AFTER_MS / 6;
/** how long to wait for what takes a poll, a status tick or a republish: a deadline, not a claim */
const SETTLE_MS = 15_000;

const status = (predicate: (s: Record<string, any>) => boolean) => (m: Received) => m.subject === `md.status.${MK}` && predicate(m.payload);
const CROSSED_BOOK = JSON.stringify({
  buys_price_level: [{ p: '10.500000000000000000', q: '1.000000000000000000' }],
  sells_price_level: [{ p: '10.400000000000000000', q: '1.000000000000000000' }],
  seq: '7',
});

describe('the price feed when its source misbehaves', () => {
  let servers: TestServers;
  let sim: SimProcess;
  let proxy: LcdProxy;
  let feed: FeedProcess;
  let md: MdRecorder;
  let config: ConfigDir;

  beforeAll(async () => {
    servers = await startTestServers();
    sim = await SimProcess.start({ ...servers.env, SIM_BLOCK_MS: '700' });
    proxy = await LcdProxy.start(sim.url);
    md = await MdRecorder.start(servers.nats.url);
    config = writeConfigDir({ markets: [{ key: MK, type: 'spot', mainnetMarketId: MAINNET.id, testnetMarketId: TESTNET.id }], bots: NO_BOTS });
    feed = await FeedProcess.start({
      ...servers.env,
      NETWORK: 'sim',
      SIM_LCD_URL: proxy.url,
      CONFIG_DIR: config.dir,
      FEED_POLL_INTERVAL_MS: String(POLL_MS),
      FEED_STALE_AFTER_MS: String(STALE_AFTER_MS),
      HEARTBEAT_INTERVAL_MS: '1000',
    });
    await md.waitFor(status((s) => s.state === 'fresh'), 20_000, 0, 'a fresh status');
  }, 90_000);

  afterEach(() => {
    if (proxy) proxy.tamper = undefined;
  });

  afterAll(async () => {
    await feed?.stop('SIGKILL');
    await md?.close();
    await proxy?.close();
    await sim?.stop();
    await servers?.stop();
    config?.remove();
  });

  describe('when the LCD answers a crossed book', () => {
    it('publishes no book, counts the rejection by reason, turns the book side degraded, and recovers', async () => {
      const before = await feed.metric('mirrorbook_feed_rejections_total', { market: MK, side: 'book', reason: 'crossed-book' });
      const since = performance.now();
      proxy.tamper = (path) => (path.includes(`/spot/orderbook/${TESTNET.id}`) ? { status: 200, body: CROSSED_BOOK } : undefined);
      const degraded = await md.waitFor(status((s) => s.book.state === 'degraded'), SETTLE_MS, since, 'a degraded status');
      expect(degraded.payload).toMatchObject({ state: 'degraded', book: { reason: expect.stringContaining('crossed-book') }, reference: { state: 'fresh' } });
      expect(await feed.metric('mirrorbook_feed_rejections_total', { market: MK, side: 'book', reason: 'crossed-book' })).toBeGreaterThan(before);
      const crossed = md.on(`md.book.sim.${MK}`, since).filter((m) => {
        const [bid, ask] = [(m.payload.bids as { price: string }[])[0], (m.payload.asks as { price: string }[])[0]];
        return bid && ask && new Dec(bid.price).greaterThanOrEqualTo(ask.price);
      });
      expect(crossed).toEqual([]);

      proxy.tamper = undefined;
      const healed = performance.now();
      await md.waitFor(status((s) => s.state === 'fresh'), SETTLE_MS, healed, 'a fresh status after the fault');
    });
  });

  describe('when the LCD answers garbage', () => {
    it('publishes no reference tick, counts it as malformed and turns the reference side degraded', async () => {
      const rejected = () => feed.metric('mirrorbook_feed_rejections_total', { market: MK, side: 'reference', reason: 'malformed' });
      const before = await rejected();
      proxy.tamper = (path) => (path.includes('/mid_price_and_tob/') ? { status: 200, body: '<html>upstream hiccup</html>' } : undefined);
      const since = performance.now();
      const degraded = await md.waitFor(status((s) => s.reference.state === 'degraded'), SETTLE_MS, since, 'a degraded reference');
      const atDegraded = await rejected();
      expect(atDegraded).toBeGreaterThan(before);
      // A side is never read twice at once, so the read rejected for this status was sent after the
      // tamper, and so is every later one; the feed publishes everything on one connection, so what
      // it published after the status arrives after it. Let three more garbage replies through (the
      // feed's own count), then nothing after the status may be a reference tick.
      await eventually(async () => (await rejected()) >= atDegraded + 3, SETTLE_MS, 'three more rejected reference reads');
      const after = md.messages.slice(md.messages.indexOf(degraded) + 1);
      expect(after.filter((m) => m.subject === `md.price.sim.${MK}` && m.payload.role === 'reference')).toEqual([]);
    });
  });

  describe('when the sim stops and comes back', () => {
    it(`turns each side stale at the first status tick after its last good read is ${STALE_AFTER_MS} ms old, then fresh again after the restart, without restarting the feed`, async () => {
      await md.waitFor(status((s) => s.state === 'fresh'), SETTLE_MS, performance.now() - 1, 'a fresh status first');
      const feedPid = feed.proc.pid;
      await sim.stop();
      const stopped = performance.now();
      // each side goes stale on its own clock (its last good read), so wait until both have
      const bothStale = (s: Record<string, any>) => s.state === 'stale' && s.reference.state === 'stale' && s.book.state === 'stale';
      const stale = await md.waitFor(status(bothStale), SETTLE_MS, stopped, 'a stale status on both sides');
      expect(stale.payload).toMatchObject({ reference: { state: 'stale' }, book: { state: 'stale' } });
      // The feed's own record, not the test's stopwatch: the first status showing a side stale says
      // how old that side's last good read was at the tick that noticed. It must be past the
      // threshold (not early) and by at most a tick, plus one tick of scheduling margin (not late).
      const statuses = md.on(`md.status.${MK}`, stopped);
      for (const side of ['reference', 'book'] as const) {
        const first = statuses.find((m) => (m.payload[side] as { state: string }).state === 'stale')!;
        const { ageMs, reason } = first.payload[side] as { ageMs: number; reason: string };
        expect({ side, reason }).toEqual({ side, reason: expect.stringContaining(`no good update within ${STALE_AFTER_MS} ms`) });
        expect({ side, ageMs }).toEqual({ side, ageMs: expect.any(Number) });
        expect(ageMs).toBeGreaterThan(STALE_AFTER_MS);
        expect(ageMs).toBeLessThanOrEqual(STALE_AFTER_MS + 2 * STATUS_TICK_MS);
      }

      sim = await SimProcess.start({ ...servers.env, SIM_BLOCK_MS: '700' });
      proxy.upstream = sim.url;
      const restarted = performance.now();
      const fresh = await md.waitFor(status((s) => s.state === 'fresh'), 15_000, restarted, 'a fresh status after the restart');
      expect(fresh.payload).toMatchObject({ reference: { state: 'fresh' }, book: { state: 'fresh' } });
      expect(feed.proc.running && feed.proc.pid === feedPid).toBe(true);
    }, 60_000);
  });
});

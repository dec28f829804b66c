import { catalogPairs, NO_BOTS, startTestServers, writeConfigDir, type ConfigDir, type TestServers } from '@mirrorbook/testing';
import { FeedProcess } from './support/feed.fixture';
import { LcdProxy } from './support/lcd-proxy.fixture';
import { MdRecorder } from './support/md.recorder';
import { SimProcess } from './support/sim.fixture';

const MARKETS = 200;
const LIMIT_PER_S = 20;
/** the share of the budget the feed's limiter grants (LIMITER_SAFETY of its LCD host pool) */
const LIMITER_SHARE = 0.9;

/** Stalls of one event loop over time: `[from, to]` saw a stall of at most `ms`. */
interface Stall {
  readonly from: number;
  readonly to: number;
  readonly ms: number;
}

/** The longest stall recorded over any part of `[from, to]`. */
function longestStall(stalls: readonly Stall[], from: number, to: number): number {
  return stalls.reduce((max, s) => (s.to >= from && s.from <= to ? Math.max(max, s.ms) : max), 0);
}

/** This process's stalls: a 10 ms timer's gaps (each gap is a bound, its 10 ms included). */
function recordOwnStalls(): { stalls: Stall[]; stop: () => void } {
  const stalls: Stall[] = [];
  let previous = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    stalls.push({ from: previous, to: now, ms: now - previous });
    previous = now;
  }, 10);
  return { stalls, stop: () => clearInterval(timer) };
}

/**
 * The feed's stalls by its own record: its /metrics reports the longest event-loop delay since
 * the previous read (prom-client resets it on every read), so reading it once a second dates
 * each stall to within that read's second. Resolves once the first read has reset it.
 */
async function recordFeedStalls(feed: FeedProcess): Promise<{ stalls: Stall[]; stop: () => Promise<void> }> {
  const lagMs = async () => (await feed.metric('nodejs_eventloop_lag_max_seconds')) * 1000;
  const stalls: Stall[] = [];
  let running = true;
  let previous = performance.now();
  await lagMs();
  const loop = (async () => {
    while (running) {
      await new Promise((r) => setTimeout(r, 1000));
      const sent = performance.now();
      const ms = await lagMs();
      stalls.push({ from: previous, to: performance.now(), ms });
      previous = sent;
    }
  })();
  const stop = async () => {
    running = false;
    await loop;
  };
  return { stalls, stop };
}

describe(`the price feed with ${MARKETS} markets and a ${LIMIT_PER_S} req/s limit`, () => {
  let servers: TestServers;
  let sim: SimProcess;
  let proxy: LcdProxy;
  let feed: FeedProcess;
  let md: MdRecorder;
  let config: ConfigDir;
  // 200 pairs reusing the few pairs the sim has on both networks (keys differ, ids repeat)
  const pairs = catalogPairs(MARKETS);

  beforeAll(async () => {
    servers = await startTestServers();
    sim = await SimProcess.start(servers.env);
    proxy = await LcdProxy.start(sim.url);
    md = await MdRecorder.start(servers.nats.url);
    config = writeConfigDir({ markets: pairs, bots: NO_BOTS });
    feed = await FeedProcess.start({
      ...servers.env,
      NETWORK: 'sim',
      SIM_LCD_URL: proxy.url,
      CONFIG_DIR: config.dir,
      FEED_REQUEST_BUDGET_PER_S: String(LIMIT_PER_S),
    });
  }, 90_000);

  afterAll(async () => {
    await feed?.stop('SIGKILL');
    await md?.close();
    await proxy?.close();
    await sim?.stop();
    await servers?.stop();
    config?.remove();
  });

  it('updates every market, never sends more than the limit in any second, and says it is throttled', async () => {
    const feedStalls = await recordFeedStalls(feed);
    const ownStalls = recordOwnStalls();
    const since = performance.now();
    const updated = (subject: (key: string) => string) =>
      Promise.all(pairs.map((p) => md.waitFor((m) => m.subject === subject(p.key), 90_000, 0, `an update on ${subject(p.key)}`)));
    await Promise.all([
      updated((key) => `md.book.sim.${key}`),
      updated((key) => `md.price.sim.${key}`),
      updated((key) => `md.status.${key}`),
    ]);
    const until = performance.now();
    await feedStalls.stop();
    ownStalls.stop();

    expect(proxy.requests.length).toBeGreaterThan(2 * MARKETS);
    // The limiter grants a request at most every 1 / (90 % of the limit) s by the feed's clock; the
    // proxy stamps it later by however long the feed's loop took to send it plus however long this
    // loop took to see it. Both loops' own records bound that delay around each stamp: the requests
    // stamped within 1 s minus that bound were granted within 1 s, so they are at most 90 % of the
    // limit, whatever the machine's load (which only narrows the windows the check can use).
    const stamps = proxy.requests.map((r) => r.at).filter((at) => at >= since + 1000 && at <= until - 2000);
    const perSecond = LIMIT_PER_S * LIMITER_SHARE;
    let worst = { count: 0, windowMs: 1000 };
    let checkedMs = 0;
    stamps.forEach((at, i) => {
      const delayMs = longestStall(feedStalls.stalls, at - 1000, at + 1000) + longestStall(ownStalls.stalls, at - 1000, at + 2000);
      const windowMs = 1000 - delayMs;
      if (windowMs <= 0) return;
      checkedMs += windowMs;
      let count = 0;
      while (i + count < stamps.length && stamps[i + count] - at < windowMs) count++;
      if (count > worst.count) worst = { count, windowMs: Math.round(windowMs) };
    });
    expect(worst.count).toBeLessThanOrEqual(perSecond);
    // and the check saw most of the run, not only its calm moments
    expect(Math.round(checkedMs / stamps.length)).toBeGreaterThan(500);

    const status = md.messages.filter((m) => m.subject.startsWith('md.status.')).at(-1)!;
    expect(status.payload).toMatchObject({ throttled: true });
    // stretched evenly: 200 markets × 2 requests at most 90 % of 20 req/s, less the height queries
    expect(status.payload.pollIntervalMs as number).toBeGreaterThanOrEqual((2 * MARKETS * 1000) / LIMIT_PER_S);
  }, 120_000);
});

import { fixtureMarkets } from '@mirrorbook/market';
import { startTestServers, type TestServers } from '@mirrorbook/testing';
import { FeedProcess, removeDir, writeConfigDir, type PairConfig } from './support/feed.fixture';
import { LcdProxy } from './support/lcd-proxy.fixture';
import { MdRecorder } from './support/md.recorder';
import { SimProcess } from './support/sim.fixture';

const MARKETS = 200;
const LIMIT_PER_S = 20;

/** 200 pairs reusing the few pairs the sim has on both networks (keys differ, ids repeat). */
function generatedPairs(): PairConfig[] {
  const { mainnet, testnet } = fixtureMarkets();
  const pairs = testnet
    .map((t) => ({ t, m: mainnet.find((m) => m.type === t.type && m.ticker === t.ticker) }))
    .filter((p): p is { t: (typeof testnet)[number]; m: (typeof mainnet)[number] } => p.m !== undefined);
  return Array.from({ length: MARKETS }, (_, i) => {
    const { t, m } = pairs[i % pairs.length];
    return { key: `m${i}-${t.ticker.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, type: t.type, mainnetMarketId: m.id, testnetMarketId: t.id };
  });
}

describe(`the price feed with ${MARKETS} markets and a ${LIMIT_PER_S} req/s limit`, () => {
  let servers: TestServers;
  let sim: SimProcess;
  let proxy: LcdProxy;
  let feed: FeedProcess;
  let md: MdRecorder;
  let configDir: string;
  const pairs = generatedPairs();

  beforeAll(async () => {
    servers = await startTestServers();
    sim = await SimProcess.start(servers.env);
    proxy = await LcdProxy.start(sim.url);
    md = await MdRecorder.start(servers.nats.url);
    configDir = writeConfigDir(pairs);
    feed = await FeedProcess.start({
      ...servers.env,
      NETWORK: 'sim',
      SIM_LCD_URL: proxy.url,
      CONFIG_DIR: configDir,
      FEED_REQUEST_BUDGET_PER_S: String(LIMIT_PER_S),
    });
  }, 90_000);

  afterAll(async () => {
    await feed?.stop('SIGKILL');
    await md?.close();
    await proxy?.close();
    await sim?.stop();
    await servers?.stop();
    removeDir(configDir);
  });

  it('updates every market, never sends more than the limit in any second, and says it is throttled', async () => {
    const updated = (subject: (key: string) => string) =>
      Promise.all(pairs.map((p) => md.waitFor((m) => m.subject === subject(p.key), 90_000, 0, `an update on ${subject(p.key)}`)));
    await Promise.all([
      updated((key) => `md.book.sim.${key}`),
      updated((key) => `md.price.sim.${key}`),
      updated((key) => `md.status.${key}`),
    ]);

    expect(proxy.requests.length).toBeGreaterThan(2 * MARKETS);
    expect(proxy.maxInWindow(1000)).toBeLessThanOrEqual(LIMIT_PER_S);
    const status = md.messages.filter((m) => m.subject.startsWith('md.status.')).at(-1)!;
    expect(status.payload).toMatchObject({ throttled: true });
    // stretched evenly: 200 markets × 2 requests at most 90 % of 20 req/s, less the height queries
    expect(status.payload.pollIntervalMs as number).toBeGreaterThanOrEqual((2 * MARKETS * 1000) / LIMIT_PER_S);
  }, 120_000);
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadConfig } from '@mirrorbook/config';
import { redisKeys, type BookSnapshot, type PriceTick } from '@mirrorbook/contracts';
import type { RedisService } from '@mirrorbook/redis';
import { REPO_ROOT } from '@mirrorbook/testing';
import { compareOutput } from '../cli/cli-output.schemas';
// This spec holds the dashboard's depth and `mirrorbook compare`'s side by side, so it builds both
// apps' code paths in-process; nothing else under test/ should reach into two apps at once.
// eslint-disable-next-line no-restricted-imports
import { CliContext } from '../../apps/cli/src/cli/cli.context';
// eslint-disable-next-line no-restricted-imports
import { ProgressReporter } from '../../apps/cli/src/cli/progress.reporter';
// eslint-disable-next-line no-restricted-imports
import { compareCommand } from '../../apps/cli/src/compare/compare.command';
// eslint-disable-next-line no-restricted-imports
import { LiveMarketCache } from '../../apps/gateway/src/live/live-market.cache';
// eslint-disable-next-line no-restricted-imports
import { marketViewSchema } from '../../apps/gateway/src/markets/market.view';
// eslint-disable-next-line no-restricted-imports
import { MarketViewBuilder } from '../../apps/gateway/src/markets/market-view.builder';
// eslint-disable-next-line no-restricted-imports
import { MarketsService } from '../../apps/gateway/src/markets/markets.service';
// eslint-disable-next-line no-restricted-imports
import { StoredJsonReader } from '../../apps/gateway/src/platform/stored-json.reader';

// One testnet book for INJ/USDT, measured by the gateway (GET /api/markets, which the dashboard
// reads) and by `mirrorbook compare --json`, each through its own code from where its data
// enters: the Redis copies the price feed leaves for the gateway, the chain LCD's JSON for the
// CLI. Both centre on the mainnet mid 25 (mainnet best bid 24.99, best ask 25.01).

const CONFIG_DIR = join(REPO_ROOT, 'config');
const MARKET = 'inj-usdt';

type Level = readonly [price: string, quantity: string];

/** Levels on and around the band edges of 25: 1 % = [24.75, 25.25], 2 % = [24.5, 25.5], 5 % = [23.75, 26.25]. */
const testnet: { bids: Level[]; asks: Level[] } = {
  bids: [['25.4', '1.5'], ['25.26', '2'], ['25.25', '0.3'], ['25', '4'], ['24.75', '1.25'], ['24.5', '10'], ['23.75', '3'], ['23.7', '100']],
  asks: [['25.5', '0.7'], ['25.6', '2'], ['26.25', '5'], ['26.3', '9']],
};
const mainnet: { bids: Level[]; asks: Level[] } = {
  bids: [['24.99', '100'], ['24.8', '200']],
  asks: [['25.01', '100'], ['25.2', '200']],
};

/** What both should say: quote notional (the depth), base quantity and levels per band. */
const EXPECTED = [
  { pct: '1', bidNotional: '138.5125', askNotional: '0', bidQuantity: '5.55', askQuantity: '0', levels: 3 },
  { pct: '2', bidNotional: '472.1325', askNotional: '17.85', bidQuantity: '19.05', askQuantity: '0.7', levels: 7 },
  { pct: '5', bidNotional: '543.3825', askNotional: '200.3', bidQuantity: '22.05', askQuantity: '7.7', levels: 10 },
];

/** The LCD's orderbook reply: 18-decimal LegacyDec strings. */
const lcdBook = (book: { bids: Level[]; asks: Level[] }) => {
  const dec18 = (v: string) => (v.includes('.') ? v.padEnd(v.indexOf('.') + 19, '0') : `${v}.${'0'.repeat(18)}`);
  const levels = (side: Level[]) => side.map(([p, q]) => ({ p: dec18(p), q: dec18(q) }));
  return { buys_price_level: levels(book.bids), sells_price_level: levels(book.asks), seq: '1' };
};

/** The gateway's depth bands for MARKET, from the Redis copies of the reference tick and the book. */
async function gatewayDepth() {
  const config = loadConfig({ CONFIG_DIR });
  const ts = Date.now();
  const reference: PriceTick = { v: 1, net: 'sim', role: 'reference', market: MARKET, bid: '24.99', ask: '25.01', mid: '25', last: null, source: 'mid', height: 100, ts, seq: 1 };
  const book: BookSnapshot = {
    v: 1,
    net: 'sim',
    role: 'trading',
    market: MARKET,
    bids: testnet.bids.map(([price, quantity]) => ({ price, quantity })),
    asks: testnet.asks.map(([price, quantity]) => ({ price, quantity })),
    orderCount: testnet.bids.length + testnet.asks.length,
    height: 100,
    ts,
    seq: 1,
  };
  const stored = new Map<string, string>([
    [redisKeys.latestPrice('reference', MARKET), JSON.stringify(reference)],
    [redisKeys.latestBook(MARKET), JSON.stringify(book)],
  ]);
  // Redis as the gateway reads it (one MGET); the rest is the gateway's own code
  const redis = { client: { mget: async (...keys: string[]) => keys.map((k) => stored.get(k) ?? null) } } as unknown as RedisService;
  const cache = new LiveMarketCache(config, new StoredJsonReader(redis));
  // list() reads no price history
  const service = new MarketsService(config, cache, new MarketViewBuilder(config, cache), undefined as never);
  const views = marketViewSchema.array().parse(await service.list());
  const depth = views.find((v) => v.key === MARKET)?.depth;
  if (!depth) throw new Error(`the gateway shows no depth for ${MARKET}`);
  return {
    center: depth.center,
    bands: depth.bands.map((b) => ({
      pct: b.pct,
      bidNotional: b.bidNotional,
      askNotional: b.askNotional,
      bidQuantity: b.bidQuantity,
      askQuantity: b.askQuantity,
      levels: b.bidLevels + b.askLevels,
    })),
  };
}

/** `mirrorbook compare --market MARKET --json` against an LCD serving the two books. */
async function compareDepth(lcdUrl: string) {
  const ctx = new CliContext({ json: true }, { CONFIG_DIR, NETWORK: 'sim', SIM_LCD_URL: lcdUrl }, new ProgressReporter(process.stderr, false));
  let stdout = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  try {
    expect(await compareCommand(ctx, { market: MARKET })).toBe(0);
  } finally {
    write.mockRestore();
    await ctx.close();
  }
  const [pair] = compareOutput.parse(JSON.parse(stdout)).markets;
  if (!pair?.mainnet || !pair.testnet) throw new Error(`compare could not read ${MARKET}: ${pair?.error}`);
  return {
    mainnetMid: pair.mainnet.mid,
    bands: pair.testnet.depth.map((d) => ({
      pct: d.withinPct,
      bidNotional: d.bidNotional,
      askNotional: d.askNotional,
      bidQuantity: d.bidQuantity,
      askQuantity: d.askQuantity,
      levels: d.levels,
    })),
  };
}

describe('depth of one testnet book: dashboard (gateway) and mirrorbook compare', () => {
  let lcd: Server;
  let lcdUrl: string;

  beforeAll(async () => {
    const pair = loadConfig({ CONFIG_DIR }).markets.find((m) => m.key === MARKET)!;
    const books = new Map([
      [pair.mainnetMarketId, lcdBook(mainnet)],
      [pair.testnetMarketId, lcdBook(testnet)],
    ]);
    lcd = createServer((req, res) => {
      const id = /\/spot\/orderbook\/(0x[0-9a-f]{64})/.exec(req.url ?? '')?.[1];
      const body = id && books.get(id);
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { code: 5, message: `not found: ${req.url}` }));
    });
    await new Promise<void>((resolve) => lcd.listen(0, '127.0.0.1', resolve));
    lcdUrl = `http://127.0.0.1:${(lcd.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    lcd.closeAllConnections();
    await new Promise<void>((resolve) => lcd.close(() => resolve()));
  });

  it('measures around the same centre, the mainnet mid', async () => {
    const [gateway, compare] = [await gatewayDepth(), await compareDepth(lcdUrl)];
    expect(gateway.center).toBe('25');
    expect(compare.mainnetMid).toBe(gateway.center);
  });

  it('gives the same depth per band: quote notional and base quantity per side, levels, band edges included', async () => {
    const [gateway, compare] = [await gatewayDepth(), await compareDepth(lcdUrl)];
    expect(gateway.bands).toEqual(compare.bands);
    expect(compare.bands).toEqual(EXPECTED);
  });
});

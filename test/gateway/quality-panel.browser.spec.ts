import { existsSync } from 'node:fs';
import type Redis from 'ioredis';
import type { NatsConnection } from 'nats';
import { chromium, type Browser, type Page } from 'playwright-core';
import { redisKeys, type BookSnapshot } from '@mirrorbook/contracts';
import { book, bytes, eventually, rawClients, startTestServers, storedOrder, type TestServers } from '@mirrorbook/testing';
import { startGateway, type GatewayUnderTest } from './gateway.fixture';

const CHROMIUM = '/usr/bin/chromium';
const describeWithBrowser = existsSync(CHROMIUM) ? describe : describe.skip;
const MARKET = 'inj-usdt';
const T0 = Date.now() - 10_000;

/** Mainnet mid 100, spread 10 bps; testnet mid 100.5, spread 20 bps, twice the quantity. */
const mainnet = book({ role: 'reference', net: 'mainnet', market: MARKET, bids: [{ price: '99.95', quantity: '10' }], asks: [{ price: '100.05', quantity: '10' }], orderCount: 2, ts: T0, seq: 1 });
const testnet = (ts: number, seq: number): BookSnapshot =>
  book({ market: MARKET, bids: [{ price: '100.3995', quantity: '20' }], asks: [{ price: '100.6005', quantity: '20' }], orderCount: 2, ts, seq });

describeWithBrowser('the dashboard\'s book-quality panel', () => {
  let servers: TestServers;
  let gw: GatewayUnderTest;
  let nc: NatsConnection;
  let redis: Redis;
  let closeRaw: () => Promise<void>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    servers = await startTestServers();
    ({ nc, redis, close: closeRaw } = await rawClients(servers.env));
    // w1 (spot-inj on inj-usdt): 2 510 + 2 008 of bids, one 4 040 ask, all within 100 bps of the testnet mid
    const orders = [storedOrder(1, { side: 'buy', price: '100', quantity: '25.1' }), storedOrder(2, { side: 'buy', price: '100.4', quantity: '20' }), storedOrder(3, { side: 'sell', price: '101', quantity: '40' })];
    await redis.hset(redisKeys.orders('w1', MARKET), Object.fromEntries(orders.map((o) => [o.orderHash, JSON.stringify(o)])));
    await redis.set(redisKeys.latestRefBook(MARKET), JSON.stringify(mainnet));
    gw = await startGateway({ ...servers.env, QUALITY_PUBLISH_INTERVAL_MS: '0' });
    const samples = async () => {
      const markets = (await (await fetch(`${gw.url}/api/markets`)).json()) as { key: string; quality: { samples: number } | null }[];
      return markets.find((m) => m.key === MARKET)?.quality?.samples ?? 0;
    };
    // the monitor subscribes once the gateway is up: the first book goes again until it is measured
    // (a book no newer than the last measured one is not measured twice), then the second
    await eventually(async () => {
      nc.publish(`md.book.sim.${MARKET}`, bytes(testnet(T0 + 1000, 2)));
      await nc.flush();
      return (await samples()) === 1;
    }, 30_000, 'the first quality sample of inj-usdt in GET /api/markets');
    nc.publish(`md.book.sim.${MARKET}`, bytes(testnet(T0 + 2000, 3)));
    await eventually(async () => (await samples()) === 2, 30_000, 'the second quality sample of inj-usdt in GET /api/markets');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(gw.url);
    await page.getByTestId('ws-status').filter({ hasText: 'live' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await closeRaw?.();
    await gw?.close();
    await servers?.stop();
  });

  const text = (testId: string) => page.getByTestId(testId).textContent();

  it('shows tracking RMS, spread ratio, both uptimes, depth ratio per band and the rule', async () => {
    await page.getByTestId(`quality-tracking-${MARKET}`).filter({ hasText: '50 bps' }).waitFor();
    expect(await text(`quality-spread-${MARKET}`)).toBe('2');
    expect(await text(`quality-uptime-aggregate-${MARKET}`)).toBe('100 %');
    expect(await text(`quality-uptime-per-order-${MARKET}`)).toBe('0 %');
    // 2 007.99 ÷ 999.5 and 2 012.01 ÷ 1 000.5, shortened for display
    expect(await text(`quality-depth-${MARKET}-10-bids`)).toBe('2.008');
    expect(await text(`quality-depth-${MARKET}-10-asks`)).toBe('2.011');
    expect(await text(`quality-rule-${MARKET}`)).toContain('MaxSpread 100 bps · MinDepth 4000');
  });

  it('follows md.quality live', async () => {
    nc.publish(`md.book.sim.${MARKET}`, bytes(testnet(T0 + 3000, 4)));
    await nc.flush();
    await page.getByTestId(`quality-rule-${MARKET}`).filter({ hasText: '3 books' }).waitFor();
  });
});

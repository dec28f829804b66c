import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type Redis from 'ioredis';
import type { NatsConnection } from 'nats';
import { chromium, type Browser, type Page } from 'playwright-core';
import { botStateSchema, redisKeys, type BotState } from '@mirrorbook/contracts';
import { eventually, rawClients, seedDemoMarket, startDemoTicker, startTestServers, storedFees, type TestServers } from '@mirrorbook/testing';
import { screenshotDir } from '../support/screenshots';
import { startGateway, TOKEN, type GatewayUnderTest } from './gateway.fixture';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = screenshotDir();
const describeWithBrowser = existsSync(CHROMIUM) ? describe : describe.skip;

describeWithBrowser('the dashboard in headless Chromium, against a gateway with seeded data', () => {
  let servers: TestServers;
  let gw: GatewayUnderTest;
  let nc: NatsConnection;
  let redis: Redis;
  let closeRaw: () => Promise<void>;
  let stopTicker: () => void;
  let browser: Browser;
  let page: Page;
  const published: BotState[] = [];

  beforeAll(async () => {
    servers = await startTestServers();
    gw = await startGateway(servers.env);
    ({ nc, redis, close: closeRaw } = await rawClients(servers.env));
    const sub = nc.subscribe('bot.state.>');
    void (async () => {
      for await (const msg of sub) published.push(botStateSchema.parse(JSON.parse(new TextDecoder().decode(msg.data))));
    })();
    await seedDemoMarket(nc, redis);
    stopTicker = startDemoTicker(nc);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(gw.url);
    await page.getByTestId('ws-status').filter({ hasText: 'live' }).waitFor();
  });
  afterEach(async () => {
    await page?.close();
  });
  afterAll(async () => {
    stopTicker?.();
    await browser?.close();
    await closeRaw?.();
    await gw?.close();
    await servers?.stop();
  });

  const saveToken = async (token: string) => {
    await page.getByTestId('token-input').fill(token);
    await page.getByTestId('token-save').click();
    await page.getByTestId('token-state').filter({ hasText: 'token saved' }).waitFor();
  };

  it('lists the configured bots with wallet, markets, state and balances', async () => {
    for (const id of ['spot-inj', 'perp-inj']) {
      await page.getByTestId(`bot-card-${id}`).waitFor();
      expect(await page.getByTestId(`bot-state-${id}`).textContent()).toBe('running');
    }
    const card = page.getByTestId('bot-card-spot-inj');
    expect(await card.textContent()).toContain('demo spot wallet');
    await page.getByTestId('bot-price-spot-inj-inj-usdt').filter({ hasText: '▲' }).waitFor();
    expect(await page.getByTestId('bot-balances-spot-inj').textContent()).toContain('INJ 100.5 / 120');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-desktop.png'), fullPage: true });
  });

  it('Start, Pause and Stop change the desired state in Redis and on bot.state', async () => {
    await saveToken(TOKEN);
    for (const [action, desired] of [['pause', 'paused'], ['stop', 'stopped'], ['start', 'running']] as const) {
      const before = published.length;
      await page.getByTestId(`bot-${action}-spot-inj`).click();
      await page.getByTestId('bot-state-spot-inj').filter({ hasText: new RegExp(`^${desired}$`) }).waitFor();
      expect(JSON.parse((await redis.get(redisKeys.bot('spot-inj')))!)).toMatchObject({ desired, by: 'gateway' });
      await eventually(() => published.length > before, 5000, `the ${desired} state on bot.state.spot-inj`);
      expect(published[published.length - 1]).toMatchObject({ bot: 'spot-inj', desired });
    }
  });

  it('keeps the token for this tab only (sessionStorage): a reload keeps it, another tab and localStorage never see it', async () => {
    // one browser context with two tabs: localStorage would be shared between them, sessionStorage is not
    const context = await browser.newContext();
    const [tab, otherTab] = [await context.newPage(), await context.newPage()];
    await tab.goto(gw.url);
    await tab.getByTestId('token-input').fill(TOKEN);
    await tab.getByTestId('token-save').click();
    await tab.getByTestId('token-state').filter({ hasText: 'token saved for this tab' }).waitFor();
    expect(await tab.evaluate(() => ({ session: sessionStorage.getItem('mirrorbook.gatewayToken'), local: localStorage.length }))).toEqual({ session: TOKEN, local: 0 });
    await tab.reload();
    await tab.getByTestId('token-state').filter({ hasText: 'token saved for this tab' }).waitFor();
    await otherTab.goto(gw.url);
    await otherTab.getByTestId('token-state').filter({ hasText: 'no token: read-only' }).waitFor();
    expect(await otherTab.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([0, 0]);
    await context.close();
  });

  it('shows an auth error for a wrong token and changes nothing', async () => {
    const before = await redis.get(redisKeys.bot('perp-inj'));
    await saveToken('wrong-token-0123456789');
    await page.getByTestId('bot-pause-perp-inj').click();
    await page.getByTestId('banner').filter({ hasText: 'Authentication failed: invalid token' }).waitFor();
    expect(await page.getByTestId('bot-message-perp-inj').textContent()).toBe('auth error: invalid token');
    expect(await page.getByTestId('bot-state-perp-inj').textContent()).toBe('running');
    expect(await redis.get(redisKeys.bot('perp-inj'))).toBe(before);
  });

  it('draws mainnet and testnet mid as two lines that keep moving', async () => {
    const chart = page.getByTestId('chart-inj-usdt');
    await chart.locator('canvas').first().waitFor();
    expect(await chart.getAttribute('data-series')).toBe('2');
    const points = async () => [Number(await chart.getAttribute('data-reference-points')), Number(await chart.getAttribute('data-trading-points'))];
    await eventually(async () => (await points()).every((n) => n >= 30), 5000, '30 points on both lines');
    const [reference] = await points();
    await eventually(async () => (await points())[0] > reference, 10_000, 'a new mainnet point');
    expect(await page.getByTestId('chart-legend-inj-usdt').textContent()).toMatch(/mainnet.*testnet/);
    expect(await page.getByTestId('gap-inj-usdt').textContent()).toMatch(/^▲ \d/);
  });

  it("renders the testnet depth ladder with the bot's own orders highlighted", async () => {
    const ladder = page.getByTestId('ladder-inj-usdt');
    await ladder.getByTestId('ladder-row').first().waitFor();
    expect(await ladder.getByTestId('ladder-row').count()).toBe(24);
    await eventually(async () => (await ladder.locator('[data-own="true"]').count()) === 2, 5000, 'two own orders on the ladder');
    expect(await ladder.locator('[data-own="true"][data-side="bid"]').count()).toBe(1);
    expect(await ladder.locator('[data-own="true"][data-side="ask"]').count()).toBe(1);
  });

  it('validates parameters: locally, then with the field errors the gateway returns', async () => {
    await saveToken(TOKEN);
    await page.getByTestId('bot-params-toggle-spot-inj').click();
    await page.getByTestId('param-spot-inj-baseSize').fill('1.2.3');
    await page.getByTestId('bot-params-save-spot-inj').click();
    expect(await page.getByTestId('param-error-spot-inj-baseSize').textContent()).toBe('must be a decimal such as 12.5');
    await page.getByTestId('param-spot-inj-baseSize').fill('1');
    await page.getByTestId('param-spot-inj-maintenance-perSide-min').fill('9');
    await page.getByTestId('bot-params-save-spot-inj').click();
    await page.getByTestId('param-error-spot-inj-maintenance-perSide-min').filter({ hasText: 'min must not exceed max' }).waitFor();
    await page.getByTestId('param-spot-inj-maintenance-perSide-min').fill('6');
    await page.getByTestId('bot-params-save-spot-inj').click();
    await page.getByTestId('bot-params-message-spot-inj').filter({ hasText: 'applied live' }).waitFor();
    expect(JSON.parse((await redis.get(redisKeys.bot('spot-inj')))!).params).toEqual({ maintenance: { perSide: { min: 6 } } });
  });

  it('shows the live activity feed, service health and the logs of a bot', async () => {
    await page.getByTestId('activity-item').first().waitFor();
    expect(await page.getByTestId('activity-feed').textContent()).toContain('account sequence mismatch');
    await page.getByTestId('service-executor-executor-w1').filter({ hasText: 'running' }).waitFor();
    await page.getByTestId('bot-logs-perp-inj').click();
    await page.getByTestId('logs-list').getByTestId('activity-item').first().waitFor();
    expect(await page.getByTestId('logs-list').textContent()).toContain('post-only order would cross');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-logs.png') });
  });

  it("shows a market the wallet's executor set aside, with its reason, on the bot card and in the services table", async () => {
    const unavailable = /market unavailable: market atom-usdt \(0x[0-9a-f]{64}\) could not be read from the chain: .*market not found/;
    await page.getByTestId('bot-unavailable-spot-inj-atom-usdt').filter({ hasText: unavailable }).waitFor();
    expect(await page.getByTestId('bot-unavailable-spot-inj-inj-usdt').count()).toBe(0);
    await page.getByTestId('service-unavailable-executor-executor-w1-atom-usdt').filter({ hasText: unavailable }).waitFor();
    expect(await page.locator('[data-testid^="service-unavailable-executor-executor-w2"]').count()).toBe(0);
  });

  describe('fees:<wallet>', () => {
    const reloaded = async () => {
      await page.reload();
      await page.getByTestId('ws-status').filter({ hasText: 'live' }).waitFor();
    };
    afterEach(async () => {
      await redis.del(redisKeys.fees('w1'), redisKeys.fees('w2'));
    });

    it('shows what a wallet spent today, its pace, runway and budget on its row and its bots; an invalid record as unavailable', async () => {
      await redis.set(redisKeys.fees('w1'), JSON.stringify(storedFees({}, { state: 'slow', reason: 'fees today 4.01 of 5 INJ, 80 %' })));
      await redis.set(redisKeys.fees('w2'), JSON.stringify({ ...storedFees(), runwayDays: 'soon' }));
      await reloaded();
      const w1 = page.getByTestId('wallet-fees-w1');
      await w1.locator('div').first().waitFor();
      expect(await w1.locator('div').allTextContents()).toEqual([
        'spent 1.2345 INJ today (38 txs)',
        '4.1 INJ/day at this pace',
        'runway 12.3 days',
        'budget 5 INJ/day: slow (fees today 4.01 of 5 INJ, 80 %)',
      ]);
      expect(await w1.getAttribute('data-fee-state')).toBe('slow');
      expect(await page.getByTestId('bot-fees-spot-inj').textContent()).toBe(
        'fees: spent 1.2345 INJ today (38 txs) · 4.1 INJ/day at this pace · runway 12.3 days · budget 5 INJ/day: slow (fees today 4.01 of 5 INJ, 80 %)',
      );
      expect(await page.getByTestId('bot-fee-paused-spot-inj').count()).toBe(0);
      expect(await page.getByTestId('wallet-fees-w2').textContent()).toMatch(/^fee data unavailable \(invalid record: runwayDays: /);
      expect(await page.getByTestId('wallet-fees-w2').getAttribute('data-fee-state')).toBe('invalid');
      expect(await page.getByTestId('bot-fees-perp-inj').textContent()).toMatch(/^fees: fee data unavailable/);
    });

    it('says no fee data yet where nothing was written', async () => {
      await reloaded();
      await page.getByTestId('wallet-fees-w1').filter({ hasText: 'no fee data yet' }).waitFor();
      expect(await page.getByTestId('bot-fees-spot-inj').textContent()).toBe('fees: no fee data yet');
    });

    it('shows a paused budget next to the bot state, with the reason', async () => {
      const reason = 'fees today 5.02 of 5 INJ, 100 %';
      await redis.set(redisKeys.fees('w1'), JSON.stringify(storedFees({ todayInj: '5.02' }, { state: 'paused', reason })));
      await reloaded();
      const badge = page.getByTestId('bot-fee-paused-spot-inj');
      await badge.waitFor();
      expect(await badge.textContent()).toBe('fee budget paused');
      expect(await badge.getAttribute('title')).toBe(reason);
      expect(await page.getByTestId('bot-fee-paused-reason-spot-inj').textContent()).toBe(`fee budget paused: ${reason}`);
      // the desired state is the operator's and stays what it was
      expect(await page.getByTestId('bot-state-spot-inj').textContent()).toBe('running');
      expect(await page.getByTestId('bot-fee-paused-perp-inj').count()).toBe(0);
      await page.getByTestId('bot-card-spot-inj').screenshot({ path: join(SCREENSHOTS, 'dashboard-fee-paused.png') });
    });
  });

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('bot-card-spot-inj').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-phone.png') });
  });

  it('shows a banner when the API answers 503 instead of failing silently', async () => {
    const degraded = await browser.newPage();
    await degraded.route('**/api/**', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ statusCode: 503, code: 'DEPENDENCY_UNAVAILABLE', message: 'Redis unavailable: try again shortly', unavailable: ['redis'] }) }),
    );
    await degraded.goto(gw.url);
    await degraded.getByTestId('banner').filter({ hasText: 'Service degraded: Redis unavailable' }).waitFor();
    await degraded.close();
  });
});

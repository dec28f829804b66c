import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { redisKeys } from '@mirrorbook/contracts';
import { metricSum, startStack, STACK_TOKEN, type Stack } from '@mirrorbook/testing/stack';
import { eventually } from '@mirrorbook/testing';
import { screenshotDir } from '../support/screenshots';
import { IntentLedger, reportedCreatedSince, reportedHeight } from './support/e2e.fixture';

// The dashboard in headless Chromium against the FULL stack on the simulator: real nats-server and
// redis-server, the sim as the chain, price-feed, strategy, one executor and the gateway, each a
// child process. One spot bot on inj-usdt starts stopped (enabled: false); the page starts it,
// pauses it and stops it, and the chain is checked for what that did.

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = screenshotDir();
const describeWithBrowser = existsSync(CHROMIUM) ? describe : describe.skip;

const BOT = 'mm-inj';
const WALLET = 'w1';
const MARKET = 'inj-usdt';
const BLOCK_MS = 500;


/** One line to the test output (stdout survives jest's console handling). */
function note(line: string): void {
  process.stdout.write(`[e2e dashboard] ${line}\n`);
}

describeWithBrowser('the dashboard in headless Chromium, against the full stack on the sim', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let marketId: string;
  let subaccountId: string;
  const t0 = Date.now();

  const chainOrders = () => stack.lcd.getSpotOpenOrders(marketId, subaccountId);
  const intents = () => stack.bus.on(`intent.${WALLET}`).length;
  const reports = () => stack.bus.on(`exec.report.${WALLET}`).length;
  const skips = async (reason: string) => metricSum(await stack.metrics('strategy'), 'mirrorbook_strategy_skips_total', { market: MARKET, reason });
  const state = () => page.getByTestId(`bot-state-${BOT}`);
  const ladder = () => page.getByTestId(`ladder-${MARKET}`);
  const storedBot = async () => {
    const raw = await stack.redis.get(redisKeys.bot(BOT));
    return raw ? (JSON.parse(raw) as { desired: string; by: string }) : null;
  };
  const saveToken = async (token: string) => {
    await page.getByTestId('token-input').fill(token);
    await page.getByTestId('token-save').click();
    await page.getByTestId('token-state').filter({ hasText: 'token saved' }).waitFor();
  };
  /** The first height at which `check` holds (read before the check, so it never flatters). */
  const heightWhen = async (check: () => Promise<boolean>, timeoutMs: number, what: string) =>
    eventually(
      async () => {
        const height = await stack.height();
        return (await check()) ? height : false;
      },
      timeoutMs,
      what,
    );
  /** Activity lines of the page that name the wallet. */
  const walletActivity = async () => (await page.getByTestId('activity-item').allTextContents()).filter((t) => t.includes(`${WALLET} `));

  beforeAll(async () => {
    stack = await startStack({
      markets: [MARKET],
      bots: [{ id: BOT, wallet: WALLET, markets: [MARKET], enabled: false }],
      // no per-IP limit: the feed reads at 400/s here (see test/e2e/lcd-rate-limit.e2e.spec.ts for the default)
      sim: { blockMs: BLOCK_MS, seed: 'stack-browser', rateLimitPerSecond: 0, exchange: { pairs: { [MARKET]: { price: { startPrice: '25' } } } } },
      env: {
        NETWORK: 'sim',
        LOG_LEVEL: 'info',
        // the feed polls once a block, with a budget fit for a local sim
        FEED_POLL_INTERVAL_MS: String(BLOCK_MS),
        FEED_REQUEST_BUDGET_PER_S: '400',
        EXEC_INCLUSION_POLL_MS: '100',
        CHAIN_LCD_LIMIT_PER_IP: '2000',
        EXEC_RECONCILE_INTERVAL_MS: '5000',
      },
      // an unchanged book is republished every poll, so a bot started on a quiet book plans at once
      appEnv: { 'price-feed': { HEARTBEAT_INTERVAL_MS: String(BLOCK_MS / 2) } },
    });
    const pair = stack.pair(MARKET);
    marketId = pair.testnetMarketId;
    subaccountId = stack.wallet(WALLET).wallet.subaccountId;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(30_000);
    await page.addInitScript(recordLongTasks);
    await page.goto(stack.gatewayUrl!);
    await page.getByTestId('ws-status').filter({ hasText: 'live' }).waitFor();
    note(`stack and page up in ${Date.now() - t0} ms`);
  }, 300_000);

  afterAll(async () => {
    note(`total ${Date.now() - t0} ms; page ${page ? await responsiveness(page).catch(String) : '-'}`);
    // what the apps complained about during the run (diagnostics only)
    const complaints = (stack?.logs() ?? '').split('\n').filter((l) => /"level":"(warn|error|fatal)"/.test(l));
    note(`${complaints.length} warn/error log lines${complaints.length ? `:\n  ${complaints.slice(0, 20).join('\n  ')}` : ''}`);
    await page?.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  it('lists the configured bot, stopped, with its wallet, market and executor; nothing trades', async () => {
    await page.getByTestId(`bot-card-${BOT}`).waitFor();
    expect(await page.locator('[data-testid^="bot-card-"]').count()).toBe(1);
    expect(await state().textContent()).toBe('stopped');
    const card = page.getByTestId(`bot-card-${BOT}`);
    expect(await card.getAttribute('data-state')).toBe('stopped');
    expect(await card.textContent()).toContain(`${WALLET} (${WALLET})`);
    expect(await card.textContent()).toContain('state from config');
    expect(await page.getByTestId(`bot-start-${BOT}`).isEnabled()).toBe(true);
    expect(await page.getByTestId(`bot-stop-${BOT}`).isDisabled()).toBe(true);
    await page.getByTestId(`bot-price-${BOT}-${MARKET}`).waitFor();
    // the executor of the wallet runs (heartbeats reach the page) and has stored the balances
    await page.getByTestId(`bot-executor-${BOT}`).filter({ hasText: 'executor running' }).waitFor({ timeout: 60_000 });
    await page.getByTestId(`bot-balances-${BOT}`).locator('b').first().waitFor({ timeout: 60_000 });
    // the mainnet price reaches the market panel, about the sim's start price
    await page.getByTestId(`reference-${MARKET}`).filter({ hasText: /^\d/ }).waitFor({ timeout: 60_000 });
    const reference = Number(await page.getByTestId(`reference-${MARKET}`).textContent());
    expect(reference).toBeGreaterThan(20);
    expect(reference).toBeLessThan(30);

    // stopped means stopped: the strategy skips it and no intent or order shows up for a few blocks
    await eventually(async () => (await skips('bot-stopped')) > 0, 60_000, 'the strategy evaluating (and skipping) the stopped bot');
    await stack.waitBlocks(4);
    expect(intents()).toBe(0);
    expect(await chainOrders()).toHaveLength(0);
    expect(await walletActivity()).toEqual([]);
    expect(await page.getByTestId(`chart-${MARKET}`).getAttribute('data-trading-points')).toBe('0');
  }, 180_000);

  it('shows an auth error for a wrong token and changes nothing', async () => {
    await saveToken('wrong-token-0123456789');
    await page.getByTestId(`bot-start-${BOT}`).click();
    await page.getByTestId('banner').filter({ hasText: 'Authentication failed: invalid token' }).waitFor();
    expect(await page.getByTestId(`bot-message-${BOT}`).textContent()).toBe('auth error: invalid token');
    expect(await state().textContent()).toBe('stopped');
    expect(await storedBot()).toBeNull();
    expect(stack.bus.on(`bot.state.${BOT}`)).toHaveLength(0);
    await stack.waitBlocks(2);
    expect(intents()).toBe(0);
    expect(await chainOrders()).toHaveLength(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'stack-auth-error.png') });
  }, 120_000);

  it('Start: the state turns running, the orders land on chain within a few blocks, and the page shows their activity', async () => {
    await saveToken(STACK_TOKEN);
    const startedAt = await stack.height();
    await page.getByTestId(`bot-start-${BOT}`).click();
    await state().filter({ hasText: /^running$/ }).waitFor();
    expect(await page.getByTestId(`bot-message-${BOT}`).textContent()).toBe('start: desired state is now running');
    expect(await page.getByTestId('banner').isHidden()).toBe(true);
    expect(await storedBot()).toMatchObject({ desired: 'running', by: 'gateway' });

    const seenAt = await heightWhen(async () => (await chainOrders()).length > 0, 90_000, 'orders of the bot on chain');
    // the block of the first tx that placed orders: its inclusion height, from the executor's report
    // (the wallet had none before), not the height next to the poll that saw them
    const ordersAt = await eventually(
      () => {
        const heights = new IntentLedger(stack.bus).reports(WALLET).filter((r) => r.createdOrderHashes.length > 0 && r.height !== null).map((r) => r.height!);
        return heights.length > 0 ? Math.min(...heights) : false;
      },
      30_000,
      'the report of the first tx that placed orders',
    );
    const activityAt = await heightWhen(async () => (await walletActivity()).length > 0, 90_000, 'activity rows of the wallet');
    note(`start at height ${startedAt}: first orders included at ${ordersAt} (+${ordersAt - startedAt}), seen on chain at ${seenAt}; activity on the page at ${activityAt} (+${activityAt - startedAt})`);
    expect(ordersAt).toBeGreaterThan(startedAt);
    expect(ordersAt - startedAt).toBeLessThanOrEqual(10);

    // the page follows the chain (how fast a browser paints is not measured in blocks): the rows
    // are the executor's reports and order events of this wallet on this market
    await eventually(async () => (await walletActivity()).some((t) => t.includes(`${WALLET} ${MARKET} created`)), 30_000, 'a created order event on the page');
    await eventually(async () => (await walletActivity()).some((t) => new RegExp(`${WALLET} applied`).test(t)), 30_000, 'an applied execution report on the page');
    expect(await page.getByTestId(`bot-card-${BOT}`).textContent()).toContain('set by gateway');
  }, 180_000);

  it('draws both price lines, mainnet and testnet, once the bot quotes', async () => {
    const chart = page.getByTestId(`chart-${MARKET}`);
    await chart.locator('canvas').first().waitFor();
    expect(await chart.getAttribute('data-series')).toBe('2');
    const points = async () => [Number(await chart.getAttribute('data-reference-points')), Number(await chart.getAttribute('data-trading-points'))];
    await eventually(async () => (await points()).every((n) => n >= 3), 60_000, 'three points on both lines');
    const [reference, trading] = await points();
    await eventually(async () => {
      const [r, t] = await points();
      return r > reference && t > trading;
    }, 30_000, 'both lines to keep moving');
    expect(await page.getByTestId(`chart-legend-${MARKET}`).textContent()).toMatch(/mainnet.*testnet/);

    // both series colours are painted on the chart's pane
    const colours = await page
      .getByTestId(`chart-legend-${MARKET}`)
      .locator('span')
      .evaluateAll((spans) => spans.map((s) => getComputedStyle(s).color));
    const painted = await chart.evaluate(paintedPixels, colours);
    note(`chart: ${JSON.stringify(await points())} points, pixels per colour ${JSON.stringify(painted)}`);
    expect(painted.every((n) => n > 20)).toBe(true);

    // the testnet mid the bot makes sits near the mainnet mid (the strategy's whole point)
    await eventually(
      async () => {
        const [ref, trd] = await Promise.all([page.getByTestId(`reference-${MARKET}`).textContent(), page.getByTestId(`trading-${MARKET}`).textContent()]);
        return Number.isFinite(Number(trd)) && Math.abs(Number(trd) / Number(ref) - 1) < 0.02;
      },
      60_000,
      'the testnet mid within 2 % of the mainnet mid',
    );
    note(`mids: mainnet ${await page.getByTestId(`reference-${MARKET}`).textContent()}, testnet ${await page.getByTestId(`trading-${MARKET}`).textContent()}, gap ${await page.getByTestId(`gap-${MARKET}`).textContent()}`);
  }, 150_000);

  it('Pause: the state turns paused, no new intents and no txs, the orders stay', async () => {
    note(`before pause: ${await responsiveness(page)}`);
    await page.getByTestId(`bot-pause-${BOT}`).click();
    await state().filter({ hasText: /^paused$/ }).waitFor();
    expect(await storedBot()).toMatchObject({ desired: 'paused', by: 'gateway' });
    // what was already being planned or sent when the pause landed may still finish
    await stack.waitBlocks(3);
    const [intentsBefore, reportsBefore, pausedSkips] = [intents(), reports(), await skips('bot-paused')];
    const ordersBefore = (await chainOrders()).map((o) => o.orderHash).sort();
    await stack.waitBlocks(8);
    expect(intents()).toBe(intentsBefore);
    expect(reports()).toBe(reportsBefore);
    // the strategy keeps evaluating the bot and skips it as paused (the pipeline is alive, not stuck)
    expect(await skips('bot-paused')).toBeGreaterThan(pausedSkips);
    const ordersAfter = (await chainOrders()).map((o) => o.orderHash).sort();
    expect(ordersAfter).toEqual(ordersBefore);
    expect(ordersAfter.length).toBeGreaterThan(0);
    note(`paused: ${intentsBefore} intents and ${reportsBefore} reports before, none after 8 blocks; ${ordersAfter.length} orders left on chain`);
    expect(await page.getByTestId(`bot-pause-${BOT}`).isDisabled()).toBe(true);
  }, 120_000);

  it("highlights the bot's own orders in the depth ladder, at the prices the chain has", async () => {
    const own = () => ladder().locator('[data-own="true"]');
    await eventually(
      async () => (await own().and(ladder().locator('[data-side="bid"]')).count()) > 0 && (await own().and(ladder().locator('[data-side="ask"]')).count()) > 0,
      60_000,
      'own orders highlighted on both sides',
    );
    // every highlighted level is a price at which the wallet has an order on chain (the testnet book
    // of the sim starts empty and has no takers: the bot's orders are the whole book). The bot is
    // paused by now, so chain and page hold still long enough to be compared.
    const checked = await eventually(
      async () => {
        const onChain = new Set((await chainOrders()).map((o) => `${o.side === 'buy' ? 'bid' : 'ask'} ${o.price.toNumber()}`));
        const highlighted = await own().evaluateAll((rows) => rows.map((r) => `${(r as HTMLElement).dataset.side} ${Number((r as HTMLElement).dataset.price)}`));
        const rows = await ladder().getByTestId('ladder-row').count();
        return highlighted.length > 0 && highlighted.every((h) => onChain.has(h)) && highlighted.length === rows ? { highlighted: highlighted.length, onChain: onChain.size, rows } : false;
      },
      60_000,
      'the highlighted levels to match the orders on chain',
    );
    note(`ladder: ${JSON.stringify(checked)}`);
    expect(await ladder().locator('[data-own="true"]').first().textContent()).toContain('own');
    await page.screenshot({ path: join(SCREENSHOTS, 'stack-desktop.png'), fullPage: true });
  }, 120_000);

  it('fits a phone screen with the paused bot\'s orders in the ladder', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId(`bot-card-${BOT}`).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByTestId(`ladder-${MARKET}`).locator('[data-own="true"]').first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'stack-phone.png') });
    await page.setViewportSize({ width: 1400, height: 1000 });
  }, 60_000);

  it('Stop: the state turns stopped and its orders are cancelled on chain within a few blocks', async () => {
    const orders = (await chainOrders()).map((o) => o.orderHash);
    const stoppedAt = await stack.height();
    await page.getByTestId(`bot-stop-${BOT}`).click();
    await state().filter({ hasText: /^stopped$/ }).waitFor();
    expect(await storedBot()).toMatchObject({ desired: 'stopped', by: 'gateway' });
    const seenAt = await heightWhen(async () => (await chainOrders()).length === 0, 60_000, 'no open orders of the wallet on chain');
    // the block from which none was left: the inclusion height of the txs that cancelled them (the
    // executor's reports), not the height next to the poll that saw the book empty
    const emptyAt = await reportedHeight(stack, WALLET, [...orders, ...reportedCreatedSince(stack, WALLET, stoppedAt)], 'cancelled');
    note(`stop at height ${stoppedAt} with ${orders.length} orders on chain: none left at ${emptyAt} (+${emptyAt - stoppedAt}), seen at ${seenAt}`);
    expect(emptyAt).toBeGreaterThan(stoppedAt);
    expect(emptyAt - stoppedAt).toBeLessThanOrEqual(5);

    // the page follows: cancelled order events in the feed, no own level left in the ladder
    await eventually(async () => (await walletActivity()).some((t) => t.includes(`${WALLET} ${MARKET} cancelled`)), 30_000, 'cancelled order events on the page');
    await eventually(async () => (await ladder().locator('[data-own="true"]').count()) === 0, 30_000, 'no own orders in the ladder');

    // and it stays stopped: nothing comes back
    const intentsBefore = intents();
    await stack.waitBlocks(5);
    expect(await chainOrders()).toHaveLength(0);
    expect(intents()).toBe(intentsBefore);
    expect(await state().textContent()).toBe('stopped');
    expect(await page.getByTestId(`bot-start-${BOT}`).isEnabled()).toBe(true);

    // what the page is told about the now empty testnet book (diagnostics only)
    const markets = (await stack.gateway('GET', '/api/markets')).body as { key: string; trading: { mid: string; ts: number } | null; gapPct: string | null; depth: { orderCount: number } | null; feed: unknown }[];
    const view = markets.find((m) => m.key === MARKET);
    note(
      `after stop: book orderCount ${view?.depth?.orderCount}, trading mid ${view?.trading?.mid} (${view?.trading ? Date.now() - view.trading.ts : '-'} ms old), gapPct ${view?.gapPct}, page shows testnet ${await page.getByTestId(`trading-${MARKET}`).textContent()} gap ${await page.getByTestId(`gap-${MARKET}`).textContent()}, feed ${JSON.stringify(view?.feed)}`,
    );
  }, 120_000);
});

/** Runs in the page before its scripts: keeps count of main-thread tasks over 50 ms. */
function recordLongTasks(): void {
  const seen = { count: 0, totalMs: 0, maxMs: 0 };
  (window as unknown as { longTasks: typeof seen }).longTasks = seen;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      seen.count += 1;
      seen.totalMs += entry.duration;
      seen.maxMs = Math.max(seen.maxMs, entry.duration);
    }
  }).observe({ type: 'longtask', buffered: true });
}

/** How long the page takes to answer, and its long main-thread tasks so far (diagnostics only). */
async function responsiveness(page: Page): Promise<string> {
  const t = Date.now();
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: unknown }).longTasks);
  return `answers in ${Date.now() - t} ms, long tasks ${JSON.stringify(tasks)}`;
}

/**
 * Runs in the page: how many pixels of each colour (CSS `rgb(r, g, b)`) the chart's pane canvases
 * hold (the wide ones: the price axis is narrow and also carries the series' labels).
 */
function paintedPixels(box: HTMLElement, colours: string[]): number[] {
  const rgb = colours.map((c) => (c.match(/\d+/g) ?? []).slice(0, 3).map(Number));
  const counts = rgb.map(() => 0);
  const minWidth = box.clientWidth * window.devicePixelRatio * 0.6;
  for (const canvas of Array.from(box.querySelectorAll('canvas'))) {
    if (canvas.width < minWidth || canvas.height < 20) continue;
    const ctx = canvas.getContext('2d');
    if (!ctx) continue;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] < 200) continue;
      rgb.forEach(([r, g, b], k) => {
        if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 30) counts[k] += 1;
      });
    }
  }
  return counts;
}

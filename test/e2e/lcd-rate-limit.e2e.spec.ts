import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '@mirrorbook/testing';
import { metricSum, startStack, type Stack } from '@mirrorbook/testing/stack';

/** The shipped bots (config/bots.json): two wallets, a spot bot on two markets and a perp bot. */
const shipped = JSON.parse(readFileSync(join(__dirname, '..', '..', 'config', 'bots.json'), 'utf8')) as {
  bots: { id: string; wallet: string; markets: string[]; params?: Record<string, unknown> }[];
};
const MARKETS = [...new Set(shipped.bots.flatMap((b) => b.markets))];
const WALLETS = [...new Set(shipped.bots.map((b) => b.wallet))];
const RUN_MS = 60_000;
/** A 429 as an app would log it (the LCD client's RateLimitedError, the sim's body). */
const RATE_LIMITED_LINE = /\b429\b|RateLimitedError|too many requests|requests\/s from one IP/i;

/**
 * Public Injective nodes allow 20 chain requests/s per IP, and every process on the machine
 * shares that IP. The default stack — the sim at its default limit (20/s per IP, loopback = one
 * IP), both shipped wallets' executors, the feed, the strategy, the gateway, all with the default
 * environment — must stay inside it: one Redis token bucket per host (18/s) for all of them.
 */
describe('e2e: the default two-wallet stack within the sim’s per-IP request limit', () => {
  let stack: Stack;

  beforeAll(async () => {
    // no sim overrides, no env overrides but NETWORK: the defaults are the point
    stack = await startStack({ markets: MARKETS, bots: shipped.bots, sim: {}, env: { NETWORK: 'sim', LOG_LEVEL: 'info' } });
    for (const bot of shipped.bots) {
      for (const key of bot.markets) {
        await eventually(async () => (await stack.openOrders(bot.wallet, key)).length > 0, 120_000, `${bot.id}'s orders on ${key}`);
      }
    }
  }, 300_000);
  afterAll(async () => stack?.stop());

  it('runs 60 s with 0 requests refused with 429, while both wallets keep trading', async () => {
    expect(WALLETS).toHaveLength(2);
    const executors = [...stack.procs.keys()].filter((name) => name.startsWith('executor-'));
    expect(executors).toHaveLength(2);
    const included = async () => Promise.all(executors.map(async (name) => metricSum(await stack.metrics(name), 'mirrorbook_executor_txs_included_total')));
    const includedBefore = await included();
    const feedRequestsBefore = metricSum(await stack.metrics('price-feed'), 'mirrorbook_feed_lcd_requests_total');
    const refusedAtStart = ((await stack.simState()) as { rateLimit: { refused: number } }).rateLimit.refused;

    await new Promise((resolve) => setTimeout(resolve, RUN_MS));

    // the sim's own count, since it started: requests refused for the per-IP limit
    const state = (await stack.simState()) as { rateLimit: { perSecond: number; refused: number } };
    expect(state.rateLimit.perSecond).toBe(20);
    // a process that lost Redis would fall back to its own bucket: say so if it happened
    const fallbacks = stack.logs().split('\n').filter((line) => /falls back to its own limiter/.test(line));
    expect({ whileStarting: refusedAtStart, total: state.rateLimit.refused, fallbacks }).toEqual({ whileStarting: 0, total: 0, fallbacks: [] });
    // the apps' side: no source read of the feed failed with a 429, no app logged one
    const feedMetrics = await stack.metrics('price-feed');
    const feed429 = feedMetrics
      .split('\n')
      .filter((line) => line.startsWith('mirrorbook_feed_source_errors_total') && /code="[^"]*(429|rate|RESOURCE_EXHAUSTED)[^"]*"/i.test(line))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
    expect(feed429).toBe(0);
    expect(stack.logs().split('\n').filter((line) => RATE_LIMITED_LINE.test(line))).toEqual([]);
    // and the stack did its work meanwhile: each executor had txs included, the feed kept polling
    const includedAfter = await included();
    includedAfter.forEach((count, i) => expect(count).toBeGreaterThan(includedBefore[i]!));
    expect(metricSum(feedMetrics, 'mirrorbook_feed_lcd_requests_total')).toBeGreaterThan(feedRequestsBefore);
  }, RUN_MS + 120_000);
});

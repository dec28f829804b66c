import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { redisKeys, storedFeesSchema, type ExecutionReport } from '@mirrorbook/contracts';
import { eventually } from '@mirrorbook/testing';
import { metricSum, type Stack } from '@mirrorbook/testing/stack';
import { botBook, calmPrice, IntentLedger, note, startScenario } from './support/e2e.fixture';

const KEY = 'inj-usdt';
// a first staircase costs about a thousandth of an INJ on the sim: a budget of a few txs
const DAILY_INJ = '0.004';
const CHROMIUM = '/usr/bin/chromium';

describe('e2e: a daily fee budget of a few txs', () => {
  let stack: Stack;
  let ledger: IntentLedger;

  beforeAll(async () => {
    stack = await startScenario({
      markets: [KEY],
      bots: [{ id: 'frugal', wallet: 'w1', markets: [KEY], params: { feeBudget: { dailyInj: DAILY_INJ } } }],
      sim: { exchange: { pairs: { [KEY]: { price: calmPrice('25') } } } },
    });
    ledger = new IntentLedger(stack.bus);
  }, 240_000);
  afterAll(async () => stack?.stop());

  it("pauses the bot once spent: the report, fees:w1, the executor's and the gateway's /health and the bot's dashboard view say why, nothing is created after it, and the book stays", async () => {
    const reports = () => ledger.reports('w1');
    const pausedAt = async () => reports().findIndex((r) => r.fees?.budget === 'paused');
    await eventually(async () => (await pausedAt()) >= 0, 120_000, 'a report with the budget paused');
    const first = (await pausedAt()) as number;
    const crossing = reports()[first] as ExecutionReport;
    const spent = reports().slice(0, first + 1).reduce((sum, r) => sum + Number(r.fees?.txInj ?? 0), 0);
    note(`budget ${DAILY_INJ} INJ: paused after ${first + 1} reports (${reports().slice(0, first + 1).filter((r) => r.fees).length} txs, ${spent} INJ); the crossing tx ${crossing.txHash} at ${crossing.height}`);
    expect(crossing.fees!.budgetReason).toMatch(new RegExp(`^daily fee budget reached: fees on \\d{4}-\\d{2}-\\d{2} \\(UTC\\) [0-9.]+ of ${DAILY_INJ} INJ; no new orders until 00:00 UTC$`));
    expect(Number(crossing.fees!.todayInj)).toBeGreaterThanOrEqual(Number(DAILY_INJ));

    // what the strategy, the gateway and the cli read
    await eventually(async () => JSON.parse((await stack.redis.get(redisKeys.fees('w1'))) ?? 'null')?.budget?.state === 'paused', 30_000, 'fees:w1 paused');
    const fees = storedFeesSchema.parse(JSON.parse((await stack.redis.get(redisKeys.fees('w1')))!));
    expect(fees.budget).toEqual({ dailyInj: DAILY_INJ, slowAtPct: 80, state: 'paused', reason: crossing.fees!.budgetReason });
    expect(fees.todayInj).toBe(crossing.fees!.todayInj);

    // the executor's /health: degraded (it still serves: stops and cancels go), with the reason
    const executor = [...stack.procs.keys()].find((name) => name.startsWith('executor-w1'))!;
    const health = (await (await fetch(`${await stack.url(executor)}/health`)).json()) as { status: string; degraded: Record<string, Record<string, string>> };
    expect(health.status).toBe('degraded');
    expect(health.degraded.feeBudget).toEqual({ w1: fees.budget.reason });

    // the gateway: /health degraded and the bot (as the dashboard shows it) with the reason
    await eventually(async () => ((await stack.gateway('GET', '/health')).body as { degraded?: { feeBudget?: unknown } }).degraded?.feeBudget !== undefined, 30_000, 'gateway /health degraded');
    expect(((await stack.gateway('GET', '/health')).body as { degraded: { feeBudget: unknown } }).degraded.feeBudget).toEqual({ w1: fees.budget.reason });
    const bots = (await stack.gateway('GET', '/api/bots')).body as { id: string; fees: { status: string; summary: string; record: { budget: { state: string } } } }[];
    const frugal = bots.find((b) => b.id === 'frugal')!;
    expect(frugal.fees.record.budget.state).toBe('paused');
    expect(frugal.fees.summary).toContain('paused');

    // the dashboard: the badge next to the bot state, and the reason
    if (existsSync(CHROMIUM)) {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
      try {
        const page = await browser.newPage();
        page.setDefaultTimeout(30_000);
        await page.goto(stack.gatewayUrl!);
        await page.getByTestId('bot-fee-paused-frugal').waitFor();
        expect(await page.getByTestId('bot-fee-paused-reason-frugal').textContent()).toBe(`fee budget paused: ${fees.budget.reason}`);
      } finally {
        await browser.close();
      }
    }

    // the strategy stops planning the bot, and nothing the wallet sends after the crossing creates an order
    await eventually(async () => metricSum(await stack.metrics('strategy'), 'mirrorbook_strategy_skips_total', { reason: 'budget-paused' }) > 0, 30_000, 'budget-paused skips');
    await stack.waitBlocks(6);
    const after = reports().slice(first + 1);
    expect(after.flatMap((r) => r.createdOrderHashes)).toEqual([]);
    // the book is kept: the bot's orders rest as they were
    expect((await botBook(stack, 'w1', KEY)).orders).toBeGreaterThan(0);
  }, 240_000);
});

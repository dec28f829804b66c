import { redisKeys, type BotState } from '@mirrorbook/contracts';
import { metricSum, type Stack } from '@mirrorbook/testing/stack';
import { eventually } from '@mirrorbook/testing';
import { botBook, calmPrice, firstHeightWhere, IntentLedger, note, startScenario } from '../e2e/support/e2e.fixture';
import { keyLeaks, runningExecutors } from './support/chaos.fixture';

const MARKET = 'inj-usdt';
const BOT = 'quoter';
const RESYNC_MS = 2000;
// longer than the SIGSTOP of (b): the executor keeps its lease, so only the resync can find the stop
const LEASE_TTL_MS = 8000;
const FROZEN_MS = 3000;

/**
 * "Stop always stops": Redis `bot:<id>` is the truth, whatever NATS delivered and whoever was
 * listening. One wallet, one bot, one executor at a time.
 */
describe('chaos: a stopped bot stays stopped (executor killed, NATS message lost, Redis data lost)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startScenario({
      markets: [MARKET],
      bots: [{ id: BOT, wallet: 'w1', markets: [MARKET] }],
      sim: { exchange: { pairs: { [MARKET]: { price: calmPrice('25'), takers: { lambdaPerBlock: 0.2 } } } } },
      appEnv: { executor: { EXEC_LEASE_TTL_MS: String(LEASE_TTL_MS), EXEC_BOT_STATE_RESYNC_MS: String(RESYNC_MS) } },
    });
  }, 240_000);
  afterAll(async () => stack?.stop());

  const orders = async () => (await botBook(stack, 'w1', MARKET)).orders;
  const tookOver = (name: string) => (stack.procs.get(name)!.logs().match(/took over wallet/g) ?? []).length;
  const executor = () => {
    const [name] = runningExecutors(stack, 'w1');
    if (!name) throw new Error('no executor of w1 running');
    return name;
  };

  /** Starts the bot from the gateway and waits until it quotes. */
  async function quoting(): Promise<void> {
    expect((await stack.gateway('POST', `/api/bots/${BOT}/start`)).status).toBe(200);
    await eventually(async () => (await orders()) >= 20, 90_000, `${BOT} quoting again`);
  }

  it('(a) a stop issued while the only executor is SIGKILLed: the next executor leaves 0 orders within takeover + 2 blocks', async () => {
    await quoting();
    const killed = executor();
    await stack.procs.get(killed)!.stop('SIGKILL');
    expect((await stack.gateway('POST', `/api/bots/${BOT}/stop`)).status).toBe(200);
    await stack.waitBlocks(2);
    const resting = await orders();
    // nobody cancelled them: the stop reached no executor
    expect(resting).toBeGreaterThan(0);
    const next = stack.startExecutor('w1');
    await eventually(() => tookOver(next) > 0, 60_000, `${next} took over`, 20);
    const takeoverAt = await stack.height();
    const emptyAt = await firstHeightWhere(stack, async () => ({ height: await stack.height(), ok: (await orders()) === 0 }), takeoverAt + 10);
    note(`stop-always-stops (a): ${resting} orders resting at the takeover (height ${takeoverAt}); none left at ${emptyAt} (${emptyAt - takeoverAt} blocks)`);
    expect(emptyAt - takeoverAt).toBeLessThanOrEqual(2);
  }, 240_000);

  it('(b) the stop lands in Redis while the executor is SIGSTOPped and its bot.state message is lost: cancelled within one resync interval after it resumes', async () => {
    await quoting();
    const name = executor();
    const proc = stack.procs.get(name)!;
    const takeovers = tookOver(name);
    process.kill(proc.pid, 'SIGSTOP');
    let resumedAt = 0;
    try {
      // what the gateway writes, without the core-NATS message (lost: no one would redeliver it)
      const current = JSON.parse((await stack.redis.get(redisKeys.bot(BOT)))!) as BotState;
      const stopped: BotState = { ...current, desired: 'stopped', by: 'chaos', updatedAt: Math.max(Date.now(), current.updatedAt + 1) };
      await stack.redis.set(redisKeys.bot(BOT), JSON.stringify(stopped));
      await new Promise((r) => setTimeout(r, FROZEN_MS));
    } finally {
      process.kill(proc.pid, 'SIGCONT');
      resumedAt = Date.now();
    }
    const ledger = new IntentLedger(stack.bus);
    const cancelReport = await eventually(
      () => ledger.reports('w1').find((r) => r.intentIds.some((id) => id.startsWith(`stop-${BOT}-`)) && r.ts >= resumedAt && r.outcome === 'applied'),
      30_000,
      'the cancel-all of the stopped bot',
      20,
    );
    const broadcastMs = cancelReport.intentIds.map((id) => Number(id.slice(`stop-${BOT}-`.length))).find(Number.isFinite)! - resumedAt;
    const reportedMs = cancelReport.ts - resumedAt;
    await eventually(async () => (await orders()) === 0, 10_000, 'no order left');
    note(`stop-always-stops (b): frozen ${FROZEN_MS} ms; cancel-all planned ${broadcastMs} ms and applied (height ${cancelReport.height}) ${reportedMs} ms after SIGCONT (resync ${RESYNC_MS} ms); 0 orders; takeovers meanwhile ${tookOver(name) - takeovers}`);
    // the resync found it, not a takeover (the lease outlived the freeze)
    expect(tookOver(name)).toBe(takeovers);
    expect(broadcastMs).toBeLessThanOrEqual(RESYNC_MS);
  }, 240_000);

  it('(c) stopped, then Redis restarts with its data lost: still stopped 10 blocks later, 0 orders, no intent applied', async () => {
    await quoting();
    expect((await stack.gateway('POST', `/api/bots/${BOT}/stop`)).status).toBe(200);
    await eventually(async () => (await orders()) === 0, 30_000, 'the stop cancelled every order');
    await stack.servers.redis.restart();
    const restartedAt = Date.now();
    expect(await stack.redis.get(redisKeys.bot(BOT))).toBeNull();
    expect(await stack.redis.get(redisKeys.botsBootstrap())).toBeNull();
    // every service is back on the empty Redis: the executor holds the lease again
    await eventually(async () => (await stack.redis.get(redisKeys.executorLease('w1'))) !== null, 60_000, 'the lease taken again');
    const from = await stack.height();
    let most = 0;
    while ((await stack.height()) < from + 10) {
      most = Math.max(most, await orders());
      await new Promise((r) => setTimeout(r, 200));
    }
    const ledger = new IntentLedger(stack.bus);
    const intents = ledger.intents('w1').filter((i) => i.ts >= restartedAt);
    const applied = ledger.reports('w1').filter((r) => r.ts >= restartedAt && r.outcome === 'applied' && r.createdOrderHashes.length > 0);
    const gateway = (await stack.gateway('GET', `/api/bots/${BOT}`)).body as { desired: string; source: string };
    const health = (await (await fetch(`${await stack.url(executor())}/health`)).json()) as { degraded?: Record<string, Record<string, string>> };
    const missing = metricSum(await stack.metrics(executor()), 'mirrorbook_executor_bot_state_missing');
    note(`stop-always-stops (c): 10 blocks after the Redis restart: at most ${most} orders, ${intents.length} intents, ${applied.length} applied txs creating orders; gateway ${gateway.desired} (${gateway.source}); executor missing gauge ${missing}, health ${JSON.stringify(health.degraded)}`);
    expect({ most, intents: intents.length, applied: applied.length }).toEqual({ most: 0, intents: 0, applied: 0 });
    expect(await orders()).toBe(0);
    expect(gateway).toMatchObject({ desired: 'stopped', source: 'none' });
    expect(Object.keys(health.degraded?.botStateMissing ?? {})).toEqual([BOT]);
    expect(missing).toBe(1);
  }, 240_000);

  it('never shows the wallet key: not in a log line, a NATS message of the run or a Redis value', async () => {
    const leaks = await keyLeaks(stack);
    note(`key check (stop-always-stops): ${JSON.stringify(leaks)}`);
    expect(leaks).toMatchObject({ logs: 0, nats: 0, redis: 0 });
    expect(leaks.messages).toBeGreaterThan(1000);
    expect(leaks.redisKeys).toBeGreaterThan(3);
  });
});

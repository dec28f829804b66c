import type { Stack } from '@mirrorbook/testing/stack';
import { eventually } from '@mirrorbook/testing';
import { botBook, calmPrice, gapPct, IntentLedger, note, startScenario } from '../e2e/support/e2e.fixture';
import { keyLeaks, settle } from './support/chaos.fixture';

const MARKETS = ['inj-usdt', 'inj-usdt-perp'];

describe('chaos: NATS and Redis restart under a running system', () => {
  let stack: Stack;
  let pids: Map<string, number>;

  beforeAll(async () => {
    stack = await startScenario({
      markets: MARKETS,
      bots: [{ id: 'quoter', wallet: 'w1', markets: MARKETS }],
      executorsPerWallet: 2,
      sim: { exchange: { pairs: { 'inj-usdt': { price: calmPrice('25'), takers: { lambdaPerBlock: 0.5 } }, 'inj-usdt-perp': { price: calmPrice('25'), takers: { lambdaPerBlock: 0.5 } } } } },
      appEnv: { executor: { EXEC_LEASE_TTL_MS: '1500' } },
    });
    for (const key of MARKETS) await eventually(async () => (await botBook(stack, 'w1', key)).orders >= 54, 60_000, `a full ${key} book`);
    pids = new Map([...stack.procs].map(([name, p]) => [name, p.pid]));
  }, 240_000);
  afterAll(async () => stack?.stop());

  /** Every app answers /health with 200 (ready: NATS, Redis and its own checks). */
  async function allHealthy(): Promise<boolean> {
    for (const [name, proc] of stack.procs) {
      if (!proc.running || name === 'injective-sim') continue;
      const res = await fetch(`${await stack.url(name)}/health`).catch(() => undefined);
      if (res?.status !== 200) return false;
    }
    return true;
  }

  /** Resolves with the ms until the system trades again: all healthy, and a tx applied after `since`. */
  async function recovered(since: number, what: string): Promise<number> {
    const ledger = new IntentLedger(stack.bus);
    await eventually(allHealthy, 120_000, `every app healthy after ${what}`, 250);
    await eventually(() => ledger.reports().some((r) => r.outcome === 'applied' && r.ts > since), 120_000, `an applied tx after ${what}`, 250);
    const ms = Date.now() - since;
    for (const key of MARKETS) await eventually(async () => ((await gapPct(stack, key)).gapPct ?? 100) < 1, 60_000, `${key} within 1 % after ${what}`);
    return ms;
  }

  /**
   * After Redis lost its data (`bots:bootstrap` and every `bot:<id>` gone) the bots fail closed: 10
   * blocks with every app healthy, no intent planned, no order created (but by a tx in flight at the
   * restart), none left resting at the end
   * (the orders of before the restart are orphans the takeover cancels), the gateway showing
   * "stopped (no record)". Resolves with what it saw.
   */
  async function staysStopped(since: number, what: string): Promise<{ intents: number; created: number; left: number; most: number }> {
    await eventually(allHealthy, 120_000, `every app healthy after ${what}`, 250);
    const from = await stack.height();
    let most = 0;
    while ((await stack.height()) < from + 10) {
      for (const key of MARKETS) most = Math.max(most, (await botBook(stack, 'w1', key)).orders);
      await new Promise((r) => setTimeout(r, 250));
    }
    const ledger = new IntentLedger(stack.bus);
    const intents = ledger.intents('w1').filter((i) => i.ts >= since).length;
    // a tx in flight at the restart (planned and sent before it) may still land: that is not trading again
    const plannedBefore = new Set(ledger.intents('w1').filter((i) => i.ts < since).map((i) => i.id));
    const created = ledger.reports('w1').filter((r) => r.ts >= since && r.createdOrderHashes.length > 0 && !r.intentIds.every((id) => plannedBefore.has(id))).length;
    const view = (await stack.gateway('GET', '/api/bots/quoter')).body as { desired: string; source: string };
    expect(view).toMatchObject({ desired: 'stopped', source: 'none' });
    let left = 0;
    for (const key of MARKETS) left += (await botBook(stack, 'w1', key)).orders;
    return { intents, created, left, most };
  }

  it('recovers from a NATS restart in the same processes; after a Redis restart (state lost) and both at once the bots stay stopped until bootstrapped again', async () => {
    const times: Record<string, number> = {};
    const at: Record<string, number> = {};
    const stopped: Record<string, { intents: number; created: number; left: number; most: number }> = {};
    for (const [what, restart, lost] of [
      ['nats', () => stack.servers.nats.restart(), false],
      ['redis', () => stack.servers.redis.restart(), true],
      ['both', () => Promise.all([stack.servers.nats.restart(), stack.servers.redis.restart()]), true],
    ] as const) {
      await stack.waitBlocks(5);
      at[what] = Date.now();
      await restart();
      if (lost) {
        // fail closed: no bot trades on a Redis that forgot which bots were meant to run
        stopped[what] = await staysStopped(at[what]!, `a ${what} restart`);
        note(`infra restart ${what}: 10 blocks later ${JSON.stringify(stopped[what])} (intents planned, txs creating orders, orders left, most resting at once)`);
        expect({ ...stopped[what], most: undefined }).toEqual({ intents: 0, created: 0, left: 0, most: undefined });
        // the operator's explicit step
        const bootstrappedAt = Date.now();
        expect((await stack.gateway('POST', '/api/bots/bootstrap')).body).toMatchObject({ written: true });
        times[what] = await recovered(bootstrappedAt, `the bootstrap after a ${what} restart`);
        note(`infra restart ${what}: trading again ${times[what]} ms after the bootstrap`);
      } else {
        times[what] = await recovered(at[what]!, `a ${what} restart`);
        note(`infra restart ${what}: trading again after ${times[what]} ms`);
      }
    }
    await stack.waitBlocks(5);
    for (const [name, proc] of stack.procs) expect({ name, pid: proc.pid, running: proc.running }).toEqual({ name, pid: pids.get(name), running: true });
    const logs = stack.logs();
    expect(logs).not.toMatch(/uncaught exception|unhandled rejection/);
    // exactly one executor trades: the lease was re-established after Redis lost it
    expect(await stack.redis.get('lease:executor:w1')).not.toBeNull();
    // every intent planned before the pause ends in a report, or its report is one the executor
    // could not publish while NATS was away and said so in its log (reports are not buffered)
    const restartsAt = Object.values(at);
    const pausedAt = Date.now();
    const ledger = await settle(stack, ['quoter'], 30_000)
      .then((settled) => settled.ledger)
      .catch(() => new IntentLedger(stack.bus));
    await ledger.fromStream(stack.servers.nats.url);
    const unreported = ledger.unreported(pausedAt);
    const lines = stack.logs().split('\n');
    const logged = unreported.filter((i) => lines.some((l) => l.includes(i.id) && /not published/.test(l)));
    note(`unreported intents ${unreported.length}, of which logged as not published ${logged.length}; ms after each restart: ${unreported.slice(0, 10).map((i) => `${i.id} ${restartsAt.map((r) => i.ts - r).join('/')}`).join('; ')}`);
    for (const i of unreported.filter((x) => !logged.includes(x)).slice(0, 3)) note(lines.filter((l) => l.includes(i.id)).join('\n') || `${i.id}: in no log`);
    expect(unreported.filter((i) => !logged.includes(i)).map((i) => i.id)).toEqual([]);
    note(`infra restarts: ${JSON.stringify(times)}; intents ${JSON.stringify(ledger.tally(undefined, pausedAt - 2000))}`);
  }, 900_000);

  it('never shows the wallet key: not in a log line, a NATS message of the run or a Redis value', async () => {
    const leaks = await keyLeaks(stack);
    note(`key check (infra restarts): ${JSON.stringify(leaks)}`);
    expect(leaks).toMatchObject({ logs: 0, nats: 0, redis: 0 });
    expect(leaks.messages).toBeGreaterThan(1000);
    expect(leaks.redisKeys).toBeGreaterThan(5);
  });
});

import { metricSum, type Stack } from '@mirrorbook/testing/stack';
import { eventually } from '@mirrorbook/testing';
import { botBook, calmPrice, note, startScenario } from '../e2e/support/e2e.fixture';
import { duplicateOrders, keyLeaks, leaseHolderInstance, runningExecutors, seededRandom } from './support/chaos.fixture';

const MARKETS = ['inj-usdt'];
const LEASE_TTL_MS = 1500;
// a renewal is noticed lost one command timeout after it was sent
const REDIS_COMMAND_TIMEOUT_MS = 500;
const ZOMBIE_ROUNDS = 3;
const BLACK_HOLE_MS = 10_000;

/** What an executor's `/health` says: the HTTP status and its lifecycle state; undefined when it does not answer within 2 s. */
async function health(stack: Stack, name: string): Promise<{ status: number; state: string } | undefined> {
  try {
    const res = await fetch(`${await stack.url(name)}/health`, { signal: AbortSignal.timeout(2000) });
    return { status: res.status, state: ((await res.json()) as { state: string }).state };
  } catch {
    return undefined;
  }
}

const active = (state: string | undefined) => state === 'running' || state === 'paused';

/** Executors of w1 whose `/health` says they trade (running or paused). */
async function activeExecutors(stack: Stack): Promise<string[]> {
  const names = runningExecutors(stack, 'w1');
  const states = await Promise.all(names.map(async (n) => [n, (await health(stack, n))?.state] as const));
  return states.filter(([, s]) => active(s)).map(([n]) => n);
}

const broadcasts = async (stack: Stack, name: string) => metricSum(await stack.metrics(name), 'mirrorbook_executor_txs_broadcast_total');

describe('chaos: the fence holds (zombie leader, black-holed Redis, a duplicate INSTANCE_ID)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startScenario({
      markets: MARKETS,
      bots: [{ id: 'quoter', wallet: 'w1', markets: MARKETS }],
      executorsPerWallet: 2,
      sim: { exchange: { pairs: { 'inj-usdt': { price: calmPrice('25'), takers: { lambdaPerBlock: 0.5 } } } } },
      env: { REDIS_COMMAND_TIMEOUT_MS: String(REDIS_COMMAND_TIMEOUT_MS) },
      appEnv: { executor: { EXEC_LEASE_TTL_MS: String(LEASE_TTL_MS) } },
    });
    await eventually(async () => (await botBook(stack, 'w1', 'inj-usdt')).orders >= 20, 90_000, 'a quoted inj-usdt book');
  }, 240_000);
  afterAll(async () => stack?.stop());

  it(`(a) zombie leader: SIGSTOP of the active executor for 2 × TTL, ${ZOMBIE_ROUNDS} times: the standby takes over and trades, the zombie sends at most 1 tx after SIGCONT, no duplicate cid, exactly one active 2 s later`, async () => {
    const random = seededRandom(20261207);
    const rounds: string[] = [];
    for (let round = 0; round < ZOMBIE_ROUNDS; round++) {
      const zombie = await eventually(() => leaseHolderInstance(stack, 'w1'), 30_000, 'a lease holder');
      const standby = await eventually(async () => runningExecutors(stack, 'w1').find((n) => n !== zombie && /waiting for the lease/.test(stack.procs.get(n)!.logs())), 60_000, 'a waiting standby');
      // a random point while it trades
      await new Promise((r) => setTimeout(r, 200 + random() * 2000));
      const before = await broadcasts(stack, zombie);
      const standbyBefore = await broadcasts(stack, standby);
      stack.procs.get(zombie)!.signal('SIGSTOP');
      await new Promise((r) => setTimeout(r, 2 * LEASE_TTL_MS));
      // the standby holds the lease and trades while the zombie is frozen
      await eventually(async () => (await leaseHolderInstance(stack, 'w1')) === standby, 30_000, `${standby} holding the lease`);
      await eventually(async () => (await broadcasts(stack, standby)) > standbyBefore, 30_000, `${standby} trading`);
      stack.procs.get(zombie)!.signal('SIGCONT');
      await new Promise((r) => setTimeout(r, 2000));
      const fromZombie = (await broadcasts(stack, zombie)) - before;
      const actives = await activeExecutors(stack);
      rounds.push(`round ${round + 1}: ${zombie} frozen, ${standby} took over; zombie txs after SIGCONT ${fromZombie}; active 2 s later [${actives.join(',')}]`);
      expect({ round, fromZombie: Math.min(fromZombie, 1) }).toEqual({ round, fromZombie });
      expect({ round, actives }).toEqual({ round, actives: [standby] });
      // the zombie went back to standby: alive, not trading
      expect(stack.procs.get(zombie)!.running).toBe(true);
      expect(stack.procs.get(zombie)!.logs()).toMatch(/lease for wallet w1 lost/);
    }
    const duplicates = await duplicateOrders(stack, ['w1'], MARKETS);
    note(`fence (a) zombie leader: ${rounds.join('; ')}; duplicates ${JSON.stringify(duplicates)}`);
    expect({ cids: duplicates.cids, onChain: duplicates.onChain }).toEqual({ cids: [], onChain: [] });
  }, 600_000);

  it(`(b) Redis black-holed ${BLACK_HOLE_MS / 1000} s: broadcasting stops within the lease TTL, /health 503 within 2 s of the lease lost, one holder within 5 s of recovery, no process hung`, async () => {
    const holder = await eventually(() => leaseHolderInstance(stack, 'w1'), 30_000, 'a lease holder');
    await eventually(async () => (await health(stack, holder))?.status === 200, 30_000, `${holder} ready`);
    const executors = runningExecutors(stack, 'w1');
    const sends = async () => Object.fromEntries(await Promise.all(executors.map(async (n) => [n, await broadcasts(stack, n)] as const)));
    const pausedAt = performance.now();
    await stack.servers.redis.pause();
    // the holder's /health, every 100 ms, until 503
    let unhealthyAfterMs: number | undefined;
    while (performance.now() - pausedAt < BLACK_HOLE_MS - 1000) {
      const h = await health(stack, holder);
      if (h?.status === 503) {
        unhealthyAfterMs = performance.now() - pausedAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    // broadcasting stopped within the TTL: nothing is counted from TTL after the pause to its end
    await new Promise((r) => setTimeout(r, Math.max(0, pausedAt + LEASE_TTL_MS - performance.now())));
    const atTtl = await sends();
    await new Promise((r) => setTimeout(r, Math.max(0, pausedAt + BLACK_HOLE_MS - performance.now())));
    const atEnd = await sends();
    // the holder's last loss (a zombie round may have logged an earlier one)
    const lostLine = [...stack.procs.get(holder)!.logs().matchAll(/lease for wallet w1 lost \(([^)]*)/g)].at(-1);
    await stack.servers.redis.resume();
    const resumedAt = performance.now();
    const one = await eventually(async () => ((await activeExecutors(stack)).length === 1 && (await leaseHolderInstance(stack, 'w1')) ? true : undefined), 30_000, 'one active executor after recovery', 100);
    const holderAfterMs = performance.now() - resumedAt;
    // no process hung: every app still runs and answers /health/live
    const hung: string[] = [];
    for (const [name, proc] of stack.procs) {
      if (!proc.running) {
        hung.push(`${name} exited`);
        continue;
      }
      if (name === 'injective-sim') continue;
      const live = await fetch(`${await stack.url(name)}/health/live`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0);
      if (live !== 200) hung.push(`${name} /health/live ${live}`);
    }
    note(
      `fence (b) black-holed Redis ${BLACK_HOLE_MS} ms: ${holder} /health 503 after ${Math.round(unhealthyAfterMs ?? -1)} ms (lost: ${lostLine?.[1] ?? 'no line'}); ` +
        `broadcasts at TTL ${JSON.stringify(atTtl)}, at the end ${JSON.stringify(atEnd)}; one holder ${Math.round(holderAfterMs)} ms after recovery; hung ${JSON.stringify(hung)}`,
    );
    expect(one).toBe(true);
    expect(unhealthyAfterMs).toBeDefined();
    expect(unhealthyAfterMs!).toBeLessThanOrEqual(LEASE_TTL_MS + 2000);
    expect(lostLine).toBeDefined();
    expect(atEnd).toEqual(atTtl);
    expect(holderAfterMs).toBeLessThanOrEqual(5000);
    expect(hung).toEqual([]);
    // and it trades again
    const again = await sends();
    await eventually(async () => Object.entries(await sends()).some(([n, c]) => c > (again[n] ?? 0)), 60_000, 'a broadcast after recovery');
  }, 300_000);

  it('(c) two executors with one INSTANCE_ID: the second is refused at start (exit 78), the lease keeps one holder', async () => {
    const holder = await eventually(() => leaseHolderInstance(stack, 'w1'), 30_000, 'a lease holder');
    const duplicate = stack.startExecutor('w1', holder);
    const exited = await stack.procs.get(duplicate)!.exited;
    const logs = stack.procs.get(duplicate)!.logs();
    note(`fence (c) duplicate INSTANCE_ID ${holder}: ${duplicate} exited ${JSON.stringify(exited)}; ${logs.match(/invalid configuration: [^\n]*/)?.[0] ?? ''}`);
    expect(exited).toEqual({ code: 78, signal: null });
    expect(logs).toMatch(new RegExp(`invalid configuration: INSTANCE_ID ${holder} is already in use for wallet w1`));
    expect(logs).not.toMatch(/lease acquired/);
    expect(await leaseHolderInstance(stack, 'w1')).toBe(holder);
    expect(await activeExecutors(stack)).toEqual([holder]);
  }, 120_000);

  it('never shows the wallet key: not in a log line, a NATS message of the run or a Redis value', async () => {
    const leaks = await keyLeaks(stack);
    note(`key check (fence): ${JSON.stringify(leaks)}`);
    expect(leaks).toMatchObject({ logs: 0, nats: 0, redis: 0 });
  });
});

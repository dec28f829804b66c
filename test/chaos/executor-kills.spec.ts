import { metricSum, type Stack } from '@mirrorbook/testing/stack';
import { eventually } from '@mirrorbook/testing';
import { botBook, calmPrice, note, startScenario } from '../e2e/support/e2e.fixture';
import { duplicateOrders, keyLeaks, leaseHolderInstance, runningExecutors, seededRandom, settle } from './support/chaos.fixture';

const MARKETS = ['inj-usdt', 'inj-usdt-perp'];
const KILLS = 20;
const LEASE_TTL_MS = 1500;

describe('chaos: SIGKILL the active executor 20 times', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startScenario({
      markets: MARKETS,
      bots: [{ id: 'quoter', wallet: 'w1', markets: MARKETS }],
      executorsPerWallet: 2,
      sim: { exchange: { pairs: { 'inj-usdt': { price: calmPrice('25'), takers: { lambdaPerBlock: 0.5 } }, 'inj-usdt-perp': { price: calmPrice('25'), takers: { lambdaPerBlock: 0.5 } } } } },
      appEnv: { executor: { EXEC_LEASE_TTL_MS: String(LEASE_TTL_MS) } },
    });
    for (const key of MARKETS) await eventually(async () => (await botBook(stack, 'w1', key)).orders >= 54, 60_000, `a full ${key} book`);
  }, 240_000);
  afterAll(async () => stack?.stop());

  it('hands over to the standby each time: no duplicate order, every intent applied, superseded or expired', async () => {
    const random = seededRandom(20261121);
    const takeovers: number[] = [];
    const mismatches: number[] = [];
    const holder = () => leaseHolderInstance(stack, 'w1');
    const tookOver = (name: string) => (stack.procs.get(name)!.logs().match(/took over wallet/g) ?? []).length;
    const waiting = (name: string) => /waiting for the lease/.test(stack.procs.get(name)!.logs());
    const fromStandby: boolean[] = [];
    for (let i = 0; i < KILLS; i++) {
      // a standby is up and waiting (a freshly started one needs a few seconds to boot)
      // (with a holder: between a lost lease and its next acquisition every executor waits)
      await eventually(async () => {
        const active = await holder();
        return active !== undefined && runningExecutors(stack, 'w1').some((n) => n !== active && waiting(n));
      }, 60_000, 'a waiting standby');
      // a random point: anywhere from right after a takeover to a few blocks into the tenure
      await new Promise((r) => setTimeout(r, 200 + random() * 3000));
      const active = await eventually(async () => {
        const h = await holder();
        return h && stack.procs.get(h)?.running ? h : undefined;
      }, 30_000, 'the lease holder');
      const standbys = runningExecutors(stack, 'w1').filter((n) => n !== active && waiting(n));
      const before = new Map(standbys.map((n) => [n, tookOver(n)]));
      mismatches.push(metricSum(await stack.metrics(active).catch(() => ''), 'mirrorbook_executor_sequence_mismatches_total'));
      const killedAt = Date.now();
      await stack.procs.get(active)!.stop('SIGKILL');
      const next = await eventually(async () => {
        const h = await holder();
        return h && h !== active && stack.procs.get(h)?.running && tookOver(h) > (before.get(h) ?? 0) ? h : undefined;
      }, 60_000, `a takeover after kill ${i + 1}`, 20);
      takeovers.push(Date.now() - killedAt);
      fromStandby.push(standbys.includes(next));
      // a fresh standby for the next round (started after the takeover, so that it cannot race the
      // waiting standby for the expiring lease)
      stack.startExecutor('w1');
      if (!standbys.includes(next)) {
        const lines = (name: string) =>
          stack.procs
            .get(name)!
            .logs()
            .split('\n')
            .filter((l) => /lease|took over|takeover|tenure|standby|error/i.test(l))
            .map((l) => {
              const parsed = /^\{/.test(l) ? (JSON.parse(l) as { time: string; msg: string }) : { time: '', msg: l };
              return `${Date.parse(parsed.time) - killedAt}ms ${parsed.msg}`;
            })
            .slice(-6);
        note(`kill ${i + 1}: ${active} killed, standbys ${standbys.join(',')}, taken over by ${next}\n  ${[...standbys, next].map((n) => `${n}: ${lines(n).join(' | ')}`).join('\n  ')}`);
      }
    }
    note(`takeovers by a waiting standby: ${fromStandby.filter(Boolean).length} of ${KILLS}`);
    expect(fromStandby.every(Boolean)).toBe(true);
    await stack.waitBlocks(5);
    const { pausedAt, ledger } = await settle(stack, ['quoter']);
    const tally = ledger.tally(undefined, pausedAt - 2000);
    const duplicates = await duplicateOrders(stack, ['w1'], MARKETS);
    for (const name of stack.procs.keys()) {
      if (name.startsWith('executor-') && stack.procs.get(name)!.running) mismatches.push(metricSum(await stack.metrics(name), 'mirrorbook_executor_sequence_mismatches_total'));
    }
    const sorted = [...takeovers].sort((a, b) => a - b);
    note(
      `executor kills: ${KILLS} kills, takeover ms p50 ${sorted[Math.floor(KILLS / 2)]} max ${sorted[KILLS - 1]} (lease TTL ${LEASE_TTL_MS}); ` +
        `intents ${JSON.stringify(tally)}; duplicates ${JSON.stringify(duplicates)}; sequence mismatches ${mismatches.reduce((a, b) => a + b, 0)}; sim ${JSON.stringify(await stack.simState())}`,
    );
    const bad = Object.entries(tally.counts).filter(([o]) => !['applied', 'superseded', 'expired'].includes(o));
    if (bad.length) {
      const outcomes = ledger.finalOutcomes();
      const reports = ledger.reports();
      for (const intent of ledger.intents().filter((x) => x.ts < pausedAt - 2000 && !['applied', 'superseded', 'expired'].includes(outcomes.get(x.id) ?? 'none')).slice(0, 5)) {
        note(`${intent.id}: ${JSON.stringify(reports.filter((r) => r.intentIds.includes(intent.id)).map((r) => [r.outcome, r.error]))}`);
      }
    }
    expect(bad).toEqual([]);
    expect({ cids: duplicates.cids, onChain: duplicates.onChain }).toEqual({ cids: [], onChain: [] });
    // no process of the stack other than the killed executors went down
    for (const [name, proc] of stack.procs) if (!name.startsWith('executor-')) expect({ name, running: proc.running }).toEqual({ name, running: true });
  }, 900_000);

  it('never shows the wallet key: not in a log line (killed executors included), a NATS message of the run or a Redis value', async () => {
    const leaks = await keyLeaks(stack);
    note(`key check (executor kills): ${JSON.stringify(leaks)}`);
    expect(leaks).toMatchObject({ logs: 0, nats: 0, redis: 0 });
  });
});

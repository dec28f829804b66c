import type { ProcessUsage } from '../../bench/lib/process.usage';
import { aggregate, BENCH_PROCESS, metricByWallet, scaleTargets, type ScaleResult } from '../../bench/lib/scale.table';

const usage = (name: string, cpuPct: number, rssMeanMiB: number): ProcessUsage => ({ name, pid: 1, cpuPct, rssMiB: rssMeanMiB, rssMaxMiB: rssMeanMiB + 10, rssMeanMiB });

describe('metricByWallet', () => {
  it('sums a metric per wallet label over its other labels, and skips other metrics', () => {
    const text = [
      '# HELP mirrorbook_executor_txs_included_total Txs seen in a block',
      'mirrorbook_executor_txs_included_total{wallet="w1",result="applied"} 12',
      'mirrorbook_executor_txs_included_total{wallet="w1",result="failed"} 1',
      'mirrorbook_executor_txs_included_total{result="applied",wallet="w2"} 7',
      'mirrorbook_executor_txs_broadcast_total{wallet="w1"} 99',
      'mirrorbook_executor_txs_included_total 5',
    ].join('\n');
    expect([...metricByWallet(text, 'mirrorbook_executor_txs_included_total')]).toEqual([
      ['w1', 13],
      ['w2', 7],
    ]);
  });
});

describe('aggregate', () => {
  it('sums the executors into one row with their largest process and slowest start; other services one row each', () => {
    const idle = [usage('executor-w1..w10-0', 2, 150), usage('executor-w11..w20-1', 3, 160), usage('strategy', 1, 90)];
    const loaded = [usage('executor-w1..w10-0', 20, 300), usage('executor-w11..w20-1', 30, 350), usage('strategy', 15, 120)];
    const ready = new Map<string, number | null>([
      ['executor-w1..w10-0', 2000],
      ['executor-w11..w20-1', 2500],
      ['strategy', 1200],
    ]);
    const [executor, strategy] = aggregate(idle, loaded, ready);
    expect(executor).toMatchObject({
      service: 'executor', processes: 2, idleCpuPct: 5, idleRssMiB: 310, cpuPct: 50, rssMiB: 650, rssPeakMiB: 670,
      perProcessRssMaxMiB: 350, perProcessCpuMaxPct: 30, readyMs: 2500,
    });
    expect(strategy).toMatchObject({ service: 'strategy', processes: 1, cpuPct: 15, rssMiB: 120, readyMs: 1200 });
    expect(strategy!.perProcessRssMaxMiB).toBeUndefined();
  });

  it('a process that never answered /health makes its service never ready; a process not an app has no figure', () => {
    const loaded = [usage('executor-w1-0', 5, 200), usage('executor-w2-1', 5, 200), usage('nats-server', 3, 30)];
    const rows = aggregate(loaded, loaded, new Map([['executor-w1-0', 1000], ['executor-w2-1', null]]));
    expect(rows.find((r) => r.service === 'executor')).toMatchObject({ readyMs: Number.POSITIVE_INFINITY, notReady: 1 });
    expect(rows.find((r) => r.service === 'nats-server')!.readyMs).toBeNull();
  });
});

describe('scaleTargets', () => {
  const run = (over: Partial<Omit<ScaleResult, 'targets'>> = {}): Omit<ScaleResult, 'targets'> => ({
    wallets: 50, markets: 6, minutes: 5, walletsPerExecutor: 10, executorProcesses: 5, blockMs: 700, observedBlockMs: 710, compiled: true, startSeconds: 9,
    services: [
      { service: 'injective-sim', processes: 1, idleCpuPct: 5, idleRssMiB: 120, cpuPct: 40, rssMiB: 400, rssPeakMiB: 420, readyMs: 9000 },
      { service: 'executor', processes: 5, idleCpuPct: 10, idleRssMiB: 700, cpuPct: 90, rssMiB: 1500, rssPeakMiB: 1600, readyMs: 2900, readyMedianMs: 2500 },
      { service: 'strategy', processes: 1, idleCpuPct: 1, idleRssMiB: 90, cpuPct: 30, rssMiB: 200, rssPeakMiB: 210, readyMs: 1500 },
      { service: 'nats-server', processes: 1, idleCpuPct: 1, idleRssMiB: 20, cpuPct: 5, rssMiB: 40, rssPeakMiB: 45, readyMs: null },
      { service: BENCH_PROCESS, processes: 1, idleCpuPct: 1, idleRssMiB: 250, cpuPct: 2, rssMiB: 260, rssPeakMiB: 270, readyMs: null },
    ],
    bench: { cpuPct: 2, rssMiB: 260 },
    totals: { rssMiB: 1740, rssPeakMiB: 1855, cpuPct: 125, idleRssMiB: 810, idleCpuPct: 12, withSimRssMiB: 2140, withSimCpuPct: 165 },
    intents: { sent: 1000, applied: 995, appliedPct: 99.5, outcomes: { applied: 995, superseded: 5 }, reportedTwice: 0 },
    txs: { total: 4000, perWalletPerMinMean: 16, perWalletPerMinMin: 12, perWalletPerMinMax: 20, sequenceMismatches: 0 },
    fees: { injPerDayMean: 4, injPerDayMin: 3, injPerDayMax: 5, meterPerDayMean: 4.2, meterPerDayMax: 5.1 },
    ordersOnBook: 16_000,
    logMiB: 3,
    perWallet: [],
    window: { seconds: 300, fromHeight: 100, toHeight: 523 },
    ...over,
  });

  it('passes every target when the figures are inside them; the simulator is not held to the start time', () => {
    const targets = scaleTargets(run());
    expect(targets.map((t) => t.met)).toEqual([true, true, true, true]);
    expect(targets[3]!.value).toContain('slowest executor 2.9 s');
  });

  it('misses each target on its own figure', () => {
    const misses = scaleTargets(
      run({
        intents: { sent: 1000, applied: 980, appliedPct: 98, outcomes: { applied: 980, expired: 20 }, reportedTwice: 0 },
        totals: { rssMiB: 2400, rssPeakMiB: 2500, cpuPct: 151, idleRssMiB: 810, idleCpuPct: 12, withSimRssMiB: 2800, withSimCpuPct: 190 },
      }),
    );
    expect(misses.map((t) => t.met)).toEqual([false, false, false, true]);
    const slow = run();
    slow.services[2] = { ...slow.services[2]!, readyMs: 3100 };
    expect(scaleTargets(slow)[3]).toMatchObject({ met: false });
  });
});

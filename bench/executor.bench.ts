import type { BatchIntent, ExecutionReport } from '@mirrorbook/contracts';
import type { ManagedProcess } from '@mirrorbook/testing';
import { ExecutorHarness, MARKETS, type MarketKey } from '@mirrorbook/testing/stack';
import { percentile, sleep, sortedCopy } from './lib/sample.stats';

/**
 * Executor bench against the sim child process, two executor replicas per wallet (one active,
 * one standby): intent → broadcast latency (median, p99, per intent), sustained txs per block and
 * per second, intents per tx, and sequence errors per 1000 txs. Load: a strategy stand-in planning
 * every market every `INTENT_EVERY_MS` (cancel-all + 2 post-only orders), intents with a 3 s TTL.
 * Blocks: SIM_BLOCK_MS=700 (testnet-like), and SIM_BLOCK_MS=0 with the bench asking for a block as
 * soon as the mempool holds a tx (the executor is then the bottleneck). With `failoverAtS` the
 * active replica is SIGKILLed that many seconds in and the standby takes over.
 * Run: node -r @swc-node/register bench/executor.bench.ts   (BENCH_SECONDS=30 by default)
 * `bench/run-all.ts` calls `runExecutorScenario`.
 */
const markets = Object.keys(MARKETS) as MarketKey[];

export interface ExecutorScenarioOptions {
  blockMs: number;
  seconds: number;
  /** ms between two rounds of intents (one per market) */
  intentEveryMs?: number;
  /** SIGKILL the active replica this many seconds into the run */
  failoverAtS?: number;
}

export interface ExecutorScenarioResult {
  blockMs: number;
  seconds: number;
  intents: number;
  applied: number;
  superseded: number;
  expired: number;
  /** txs included with code 0 */
  txs: number;
  /** txs broadcast (every attempt counted by the executors' metric) */
  txsBroadcast: number;
  failedTxs: number;
  intentsPerTx: number;
  toBroadcastP50Ms: number;
  toBroadcastP99Ms: number;
  blocks: number;
  txsPerBlock: number;
  txsPerBlockMax: number;
  txsPerS: number;
  sequenceMismatches: number;
  /** ms from the SIGKILL to the standby's first applied tx (failover runs) */
  takeoverMs: number | null;
}

export async function runExecutorScenario(options: ExecutorScenarioOptions): Promise<ExecutorScenarioResult> {
  const { blockMs, seconds } = options;
  const intentEveryMs = options.intentEveryMs ?? 100;
  const h = await ExecutorHarness.start({ blockMs });
  const procs: ManagedProcess[] = [];
  try {
    for (const market of markets) await h.setReference(market, '10');
    const [wallet] = h.wallets;
    const env = { EXEC_RECONCILE_INTERVAL_MS: '30000' };
    procs.push(h.startExecutor(wallet, env, 'bench-a'));
    await h.tookOver(procs[0]);
    procs.push(h.startExecutor(wallet, env, 'bench-b'));
    await procs[1].waitForOutput(/listening on/, 60_000);

    let producing = blockMs === 0;
    const producer = (async () => {
      while (producing) {
        const state = await h.simState();
        if ((state.mempoolSize as number) > 0) await h.admin('blocks', { count: 1 });
        else await sleep(2);
      }
    })();

    const published = new Map<string, BatchIntent>();
    const startHeight = (await h.simState()).height as number;
    const started = Date.now();
    let seq = 0;
    let killedAt: number | null = null;
    let mismatchesOfKilled = 0;
    let broadcastsOfKilled = 0;
    while (Date.now() - started < seconds * 1000) {
      const tick = Date.now();
      if (options.failoverAtS !== undefined && killedAt === null && tick - started >= options.failoverAtS * 1000) {
        // its counters die with it: read them first
        const m = await h.metrics(procs[0]);
        mismatchesOfKilled = ExecutorHarness.counter(m, 'mirrorbook_executor_sequence_mismatches_total');
        broadcastsOfKilled = ExecutorHarness.counter(m, 'mirrorbook_executor_txs_broadcast_total');
        killedAt = Date.now();
        await procs[0].stop('SIGKILL');
      }
      await Promise.all(
        markets.map(async (market) => {
          const intent = h.intent(wallet, [{
            market,
            bookSeq: ++seq,
            phase: 'MAINTENANCE',
            actions: [
              { type: 'cancelAll' },
              { type: 'create', side: 'buy', price: '9.900', quantity: '1', postOnly: true, reduceOnly: false, cid: h.cid('b') },
              { type: 'create', side: 'sell', price: '10.100', quantity: '1', postOnly: true, reduceOnly: false, cid: h.cid('s') },
            ],
          }], 3000);
          published.set(intent.id, intent);
          await h.publishIntent(intent);
        }),
      );
      await sleep(Math.max(0, intentEveryMs - (Date.now() - tick)));
    }
    const elapsedS = (Date.now() - started) / 1000;
    await sleep(3500);
    producing = false;
    await producer;
    const endHeight = (await h.simState()).height as number;

    const ours = (r: ExecutionReport) => r.intentIds.some((id) => published.has(id));
    const applied = h.reports.filter((r): r is ExecutionReport => r.outcome === 'applied' && ours(r));
    const failedTxs = h.reports.filter((r) => r.outcome === 'failed' && r.txHash !== null && ours(r)).length;
    const latencies: number[] = [];
    for (const report of applied) {
      const planned = Math.min(...report.intentIds.map((id) => published.get(id)?.ts ?? Number.POSITIVE_INFINITY));
      const broadcastAt = planned + (report.latency.toBroadcastMs ?? 0);
      for (const id of report.intentIds) {
        const intent = published.get(id);
        if (intent) latencies.push(broadcastAt - intent.ts);
      }
    }
    const sorted = sortedCopy(latencies);
    const heights = new Map<number, number>();
    for (const report of applied) heights.set(report.height!, (heights.get(report.height!) ?? 0) + 1);
    const outcomes = h.finalOutcomes();
    const count = (o: string) => [...published.keys()].filter((id) => outcomes.get(id)?.outcome === o).length;
    const alive = procs.filter((p) => p.running);
    const metrics = await Promise.all(alive.map((p) => h.metrics(p)));
    const txsBroadcast = broadcastsOfKilled + metrics.reduce((n, m) => n + ExecutorHarness.counter(m, 'mirrorbook_executor_txs_broadcast_total'), 0);
    const mismatches = mismatchesOfKilled + metrics.reduce((n, m) => n + ExecutorHarness.counter(m, 'mirrorbook_executor_sequence_mismatches_total'), 0);
    const blocks = Math.max(1, endHeight - startHeight);
    const firstAfterKill = killedAt === null ? undefined : applied.find((r) => r.ts > killedAt!);
    return {
      blockMs,
      seconds: Math.round(elapsedS),
      intents: published.size,
      applied: count('applied'),
      superseded: count('superseded'),
      expired: count('expired'),
      txs: applied.length,
      txsBroadcast,
      failedTxs,
      intentsPerTx: +(count('applied') / Math.max(1, applied.length)).toFixed(2),
      toBroadcastP50Ms: percentile(sorted, 50),
      toBroadcastP99Ms: percentile(sorted, 99),
      blocks,
      txsPerBlock: +(applied.length / blocks).toFixed(2),
      txsPerBlockMax: Math.max(0, ...heights.values()),
      txsPerS: +(applied.length / elapsedS).toFixed(1),
      sequenceMismatches: mismatches,
      takeoverMs: killedAt === null ? null : firstAfterKill ? firstAfterKill.ts - killedAt : Number.NaN,
    };
  } finally {
    await h.stop();
  }
}

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 30);
  const intentEveryMs = Number(process.env.BENCH_INTENT_EVERY_MS ?? 100);
  const rows: Record<string, string | number>[] = [];
  for (const blockMs of [700, 0]) {
    const r = await runExecutorScenario({ blockMs, seconds, intentEveryMs });
    rows.push({
      'SIM_BLOCK_MS': r.blockMs,
      'intents': r.intents,
      'applied / superseded / expired': `${r.applied} / ${r.superseded} / ${r.expired}`,
      'txs': r.txs,
      'intents per tx': r.intentsPerTx.toFixed(2),
      'to broadcast p50 ms': r.toBroadcastP50Ms,
      'to broadcast p99 ms': r.toBroadcastP99Ms,
      'blocks': r.blocks,
      'txs per block (avg)': r.txsPerBlock.toFixed(2),
      'txs per block (max)': r.txsPerBlockMax,
      'txs per s': r.txsPerS.toFixed(1),
      'seq errors / 1000 txs': ((r.sequenceMismatches / Math.max(1, r.txsBroadcast)) * 1000).toFixed(1),
    });
  }
  console.log(`\nexecutor bench: ${seconds} s per scenario, 3 markets planned every ${intentEveryMs} ms, 2 replicas`);
  console.table(rows);
}

if (require.main === module) {
  void main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

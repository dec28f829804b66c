import type { BatchIntent, ExecutionReport } from '@mirrorbook/contracts';
import type { ManagedProcess } from '@mirrorbook/testing';
import { ExecutorHarness, MARKETS, type MarketKey } from '../test/executor/executor.harness';

/**
 * Executor bench against the sim child process, two executor replicas per wallet (one active,
 * one standby): intent → broadcast latency (median, p99, per intent), sustained txs per block and
 * per second, intents per tx, and sequence errors per 1000 txs. Load: a strategy stand-in planning
 * every market every `INTENT_EVERY_MS` (cancel-all + 2 post-only orders), intents with a 3 s TTL.
 * Blocks: SIM_BLOCK_MS=700 (testnet-like), and SIM_BLOCK_MS=0 with the bench asking for a block as
 * soon as the mempool holds a tx (the executor is then the bottleneck).
 * Run: node -r @swc-node/register bench/executor.bench.ts   (BENCH_SECONDS=30 by default)
 */
const RUN_SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const INTENT_EVERY_MS = Number(process.env.BENCH_INTENT_EVERY_MS ?? 100);
const markets = Object.keys(MARKETS) as MarketKey[];

type Row = Record<string, string | number>;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function scenario(blockMs: number): Promise<Row> {
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
        else await new Promise((r) => setTimeout(r, 2));
      }
    })();

    const published = new Map<string, BatchIntent>();
    const startHeight = (await h.simState()).height as number;
    const started = Date.now();
    let seq = 0;
    while (Date.now() - started < RUN_SECONDS * 1000) {
      const tick = Date.now();
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
      await new Promise((r) => setTimeout(r, Math.max(0, INTENT_EVERY_MS - (Date.now() - tick))));
    }
    const elapsedS = (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 3500));
    producing = false;
    await producer;
    const endHeight = (await h.simState()).height as number;

    const applied = h.reports.filter((r): r is ExecutionReport => r.outcome === 'applied' && r.intentIds.some((id) => published.has(id)));
    const latencies: number[] = [];
    for (const report of applied) {
      const planned = Math.min(...report.intentIds.map((id) => published.get(id)?.ts ?? Number.POSITIVE_INFINITY));
      const broadcastAt = planned + (report.latency.toBroadcastMs ?? 0);
      for (const id of report.intentIds) {
        const intent = published.get(id);
        if (intent) latencies.push(broadcastAt - intent.ts);
      }
    }
    latencies.sort((x, y) => x - y);
    const heights = new Map<number, number>();
    for (const report of applied) heights.set(report.height!, (heights.get(report.height!) ?? 0) + 1);
    const outcomes = h.finalOutcomes();
    const count = (o: string) => [...published.keys()].filter((id) => outcomes.get(id)?.outcome === o).length;
    const metrics = await Promise.all(procs.map((p) => h.metrics(p)));
    const txs = metrics.reduce((n, m) => n + ExecutorHarness.counter(m, 'mirrorbook_executor_txs_broadcast_total'), 0);
    const mismatches = metrics.reduce((n, m) => n + ExecutorHarness.counter(m, 'mirrorbook_executor_sequence_mismatches_total'), 0);
    const blocks = Math.max(1, endHeight - startHeight);
    return {
      'SIM_BLOCK_MS': blockMs,
      'intents': published.size,
      'applied / superseded / expired': `${count('applied')} / ${count('superseded')} / ${count('expired')}`,
      'txs': applied.length,
      'intents per tx': (count('applied') / Math.max(1, applied.length)).toFixed(2),
      'to broadcast p50 ms': percentile(latencies, 50),
      'to broadcast p99 ms': percentile(latencies, 99),
      'blocks': blocks,
      'txs per block (avg)': (applied.length / blocks).toFixed(2),
      'txs per block (max)': Math.max(0, ...heights.values()),
      'txs per s': (applied.length / elapsedS).toFixed(1),
      'seq errors / 1000 txs': ((mismatches / Math.max(1, txs)) * 1000).toFixed(1),
    };
  } finally {
    await h.stop();
  }
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const blockMs of [700, 0]) rows.push(await scenario(blockMs));
  console.log(`\nexecutor bench: ${RUN_SECONDS} s per scenario, 3 markets planned every ${INTENT_EVERY_MS} ms, 2 replicas`);
  console.table(rows);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

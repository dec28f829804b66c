import { metricSum, startStack, type Stack } from '@mirrorbook/testing/stack';
import { BusTap } from './bus.tap';
import { childProcesses, sampleUsage, type ProcessUsage, type WatchedProcess } from './process.usage';
import { runtimeBaseline, type RuntimeBaseline } from './runtime.baseline';
import { round, sleep } from './sample.stats';

/** Every pair the stack can configure: config/markets.json's five and the harness's eth-usdt-perp. */
export const ALL_MARKETS = ['inj-usdt', 'atom-usdt', 'stinj-inj', 'inj-usdt-perp', 'btc-usdt-perp', 'eth-usdt-perp'] as const;

/** Mainnet start prices the markets' ticks can express, near the real ones. */
const START_PRICES: Record<string, string> = {
  'inj-usdt': '25', 'atom-usdt': '5', 'stinj-inj': '1.5', 'inj-usdt-perp': '25', 'btc-usdt-perp': '60000', 'eth-usdt-perp': '3000',
};

export interface LoadOptions {
  wallets: number;
  markets: number;
  /** seconds of each sampling window */
  idleSeconds: number;
  loadSeconds: number;
  blockMs?: number;
  log?: (line: string) => void;
}

/** CPU and RSS of one service (executors summed, with their mean and max). */
export interface ServiceUsage {
  service: string;
  processes: number;
  idleCpuPct: number;
  idleRssMiB: number;
  loadCpuPct: number;
  loadRssMiB: number;
  /** executors: one process's mean and max RSS under load */
  perProcessRssMiB?: number;
  perProcessRssMaxMiB?: number;
}

export interface LoadResult {
  wallets: number;
  markets: number;
  bots: number;
  blockMs: number;
  startSeconds: number;
  services: ServiceUsage[];
  /** RSS of every service but the sim (it stands in for the chain), under load */
  totalRssMiB: number;
  totalIdleRssMiB: number;
  totalCpuPct: number;
  /** total RSS / bots under load */
  rssPerBotMiB: number;
  ordersOnBook: number;
  /** RSS of an idle Node process: bare, with @swc-node/register, and with libs/injective loaded */
  baseline: RuntimeBaseline;
  window: {
    seconds: number;
    txsApplied: number;
    txsFailed: number;
    ordersCreated: number;
    createsFailed: number;
    /** cancels the chain refused (the order was no longer there) */
    cancelsFailed: number;
    failReasons: Record<string, number>;
    sequenceMismatches: number;
    txsBroadcast: number;
    txsPerSPerWallet: number;
  };
}

/**
 * `wallets` wallets, one bot each quoting `markets` markets (at most the six pairs the stack
 * knows), all stopped: the stack is sampled idle; then every bot is started from the gateway, the
 * books build, and the stack is sampled under load. Per process: CPU (utime + stime over the
 * window, % of one core) and RSS (median of 1 s samples), from /proc.
 */
export async function runLoadScenario(options: LoadOptions): Promise<LoadResult> {
  const blockMs = options.blockMs ?? 700;
  const log = options.log ?? (() => undefined);
  const markets = ALL_MARKETS.slice(0, Math.min(options.markets, ALL_MARKETS.length));
  const bots = Array.from({ length: options.wallets }, (_, i) => ({ id: `bot${i + 1}`, wallet: `w${i + 1}`, markets: [...markets], enabled: false }));
  const t0 = Date.now();
  const stack = await startStack({
    markets: [...markets],
    bots,
    sim: {
      blockMs,
      seed: 'mirrorbook-bench-load',
      // measures the bots, not the request budget: no per-IP limit (test/e2e/lcd-rate-limit.e2e.spec.ts runs the default)
      rateLimitPerSecond: 0,
      exchange: { pairs: Object.fromEntries(markets.map((m) => [m, { price: { startPrice: START_PRICES[m] }, testnetInitial: { kind: 'empty' } }])) },
    },
    env: { NETWORK: 'sim', LOG_LEVEL: 'info', CHAIN_LCD_LIMIT_PER_IP: '2000' },
  });
  const startSeconds = round((Date.now() - t0) / 1000, 1);
  log(`load: stack with ${options.wallets} wallets × ${markets.length} markets up in ${startSeconds} s`);
  const tap = await BusTap.open(stack.servers.nats.url);
  try {
    const watched: WatchedProcess[] = [
      ...[...stack.procs.entries()].map(([name, p]) => ({ name, pid: p.pid })),
      ...childProcesses(['nats-server', 'redis-server']),
    ];
    // let every service finish starting (JIT, connections, first polls)
    await stack.waitBlocks(8, 120_000);
    await sleep(3000);
    const idle = await sampleUsage(watched, options.idleSeconds * 1000);
    log(`load: idle sampled; starting ${bots.length} bots`);

    for (const bot of bots) {
      const res = await stack.gateway('POST', `/api/bots/${bot.id}/start`);
      if (res.status !== 200) throw new Error(`gateway start ${bot.id}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    // books build in a few blocks; wait a little longer so the window is steady state
    await stack.waitBlocks(12, 120_000);
    const before = await executorCounters(stack);
    tap.clear();
    const from = Date.now();
    const loaded = await sampleUsage(watched, options.loadSeconds * 1000);
    const to = Date.now();
    const seconds = (to - from) / 1000;
    const after = await executorCounters(stack);
    const ordersOnBook = await countOrders(stack, bots.map((b) => b.wallet), [...markets]);
    log(`load: sampled under load; ${ordersOnBook} bot orders on the books`);

    const services = aggregate(idle, loaded);
    const reports = tap.reports.filter((r) => r.ts >= from && r.ts <= to);
    const createCids = new Set<string>();
    for (const intent of tap.intents.values()) for (const plan of intent.plans) for (const a of plan.actions) if (a.type === 'create') createCids.add(a.cid);
    const failReasons: Record<string, number> = {};
    let createsFailed = 0;
    let cancelsFailed = 0;
    for (const r of reports) {
      for (const f of r.failed) {
        failReasons[f.reason] = (failReasons[f.reason] ?? 0) + 1;
        if (createCids.has(f.cid)) createsFailed++;
        else cancelsFailed++;
      }
    }
    const txsApplied = reports.filter((r) => r.outcome === 'applied').length;
    const production = services.filter((s) => s.service !== 'injective-sim' && s.service !== 'bench (this process)');
    const totalRssMiB = production.reduce((n, s) => n + s.loadRssMiB, 0);
    return {
      wallets: options.wallets,
      markets: markets.length,
      bots: bots.length,
      blockMs,
      startSeconds,
      services,
      totalRssMiB: round(totalRssMiB, 0),
      totalIdleRssMiB: round(production.reduce((n, s) => n + s.idleRssMiB, 0), 0),
      totalCpuPct: round(production.reduce((n, s) => n + s.loadCpuPct, 0), 0),
      rssPerBotMiB: round(totalRssMiB / bots.length, 0),
      ordersOnBook,
      baseline: runtimeBaseline(),
      window: {
        seconds: round(seconds, 1),
        txsApplied,
        txsFailed: reports.filter((r) => r.outcome === 'failed' && r.txHash !== null).length,
        ordersCreated: reports.reduce((n, r) => n + r.createdOrderHashes.length, 0),
        createsFailed,
        cancelsFailed,
        failReasons,
        sequenceMismatches: after.mismatches - before.mismatches,
        txsBroadcast: after.broadcast - before.broadcast,
        txsPerSPerWallet: round(txsApplied / seconds / options.wallets, 2),
      },
    };
  } catch (error) {
    log(`load failed; last log lines:\n${stack.logs().split('\n').slice(-40).join('\n')}`);
    throw error;
  } finally {
    await tap.close();
    await stack.stop();
  }
}

/** Executors' broadcast and sequence-mismatch counters, summed. */
async function executorCounters(stack: Stack): Promise<{ broadcast: number; mismatches: number }> {
  let broadcast = 0;
  let mismatches = 0;
  for (const [name, proc] of stack.procs) {
    if (!name.startsWith('executor-') || !proc.running) continue;
    const text = await stack.metrics(name);
    broadcast += metricSum(text, 'mirrorbook_executor_txs_broadcast_total');
    mismatches += metricSum(text, 'mirrorbook_executor_sequence_mismatches_total');
  }
  return { broadcast, mismatches };
}

async function countOrders(stack: Stack, wallets: string[], markets: string[]): Promise<number> {
  let n = 0;
  for (const w of wallets) for (const m of markets) n += (await stack.openOrders(w, m)).length;
  return n;
}

/** One row per service: executors summed (with their per-process mean and max RSS). */
function aggregate(idle: ProcessUsage[], loaded: ProcessUsage[]): ServiceUsage[] {
  const serviceOf = (name: string) => (name.startsWith('executor-') ? 'executor' : name);
  const rows = new Map<string, ServiceUsage & { rss: number[] }>();
  const row = (service: string) => {
    let r = rows.get(service);
    if (!r) {
      r = { service, processes: 0, idleCpuPct: 0, idleRssMiB: 0, loadCpuPct: 0, loadRssMiB: 0, rss: [] };
      rows.set(service, r);
    }
    return r;
  };
  for (const u of idle) {
    const r = row(serviceOf(u.name));
    r.processes++;
    r.idleCpuPct += u.cpuPct;
    r.idleRssMiB += u.rssMiB;
  }
  for (const u of loaded) {
    const r = row(serviceOf(u.name));
    r.loadCpuPct += u.cpuPct;
    r.loadRssMiB += u.rssMiB;
    r.rss.push(u.rssMiB);
  }
  return [...rows.values()].map(({ rss, ...r }) => ({
    ...r,
    idleCpuPct: round(r.idleCpuPct, 1),
    loadCpuPct: round(r.loadCpuPct, 1),
    ...(r.service === 'executor' ? { perProcessRssMiB: round(rss.reduce((a, b) => a + b, 0) / rss.length, 0), perProcessRssMaxMiB: Math.max(...rss) } : {}),
  }));
}

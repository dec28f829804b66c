import { isFinalReport, redisKeys, storedFeesSchema, type ExecutionOutcome } from '@mirrorbook/contracts';
import { ensureCompiled, type ManagedProcess } from '@mirrorbook/testing';
import { startStack, type Stack } from '@mirrorbook/testing/stack';
import { BusTap } from './bus.tap';
import { ALL_MARKETS } from './load.scenario';
import { childProcesses, sampleUsage, type ProcessUsage, type WatchedProcess } from './process.usage';
import { mean, median, round, sleep } from './sample.stats';

/** Mainnet start prices the markets' ticks can express, near the real ones (as the load run). */
const START_PRICES: Record<string, string> = {
  'inj-usdt': '25', 'atom-usdt': '5', 'stinj-inj': '1.5', 'inj-usdt-perp': '25', 'btc-usdt-perp': '60000', 'eth-usdt-perp': '3000',
};

/** The issue's targets for the scale run (printed with pass/miss, never asserted). */
export const SCALE_TARGETS = {
  /** intents applied ÷ intents sent in the window, percent */
  appliedPct: 99,
  /** RSS of every service but the simulator, together, bytes (2.5 GB) */
  totalRssBytes: 2.5e9,
  /** CPU of every service but the simulator, together, percent of one core */
  totalCpuPct: 150,
  /** each service answers /health 200 within this long of its start, ms */
  readyMs: 3000,
} as const;

const MIB = 2 ** 20;
const BENCH_PROCESS = 'bench (this process)';
/** Services the targets are judged on: the simulator stands in for the chain, the bench is the observer. */
const NOT_COUNTED = new Set(['injective-sim', BENCH_PROCESS]);
const LISTENING = /listening on http:\/\/127\.0\.0\.1:(\d+)/;

export interface ScaleOptions {
  wallets: number;
  /** markets each wallet's bot quotes (at most the six pairs the stack knows) */
  markets: number;
  /** minutes of the measured window */
  minutes: number;
  /** wallets per executor process: 1 runs one process per wallet (WALLET_ID), more set EXECUTOR_WALLETS */
  walletsPerExecutor: number;
  /** seconds sampled with every bot stopped */
  idleSeconds: number;
  /** seconds after the bots start before the window (the books build) */
  warmupSeconds: number;
  /** at most this long after the window for the window's intents to be settled */
  graceSeconds: number;
  blockMs?: number;
  log?: (line: string) => void;
}

/** CPU and RSS of one service over the idle sample and the window; executors summed. */
export interface ScaleServiceUsage {
  service: string;
  processes: number;
  idleCpuPct: number;
  idleRssMiB: number;
  /** CPU over the window, % of one core (processes summed) */
  cpuPct: number;
  /** mean RSS over the window, MiB (processes summed) */
  rssMiB: number;
  /** the largest sample of RSS over the window, MiB (processes summed) */
  rssPeakMiB: number;
  /** several processes: the largest process's mean RSS and CPU */
  perProcessRssMaxMiB?: number;
  perProcessCpuMaxPct?: number;
  /** /health 200 after the process was spawned, ms (several processes: the slowest; median beside it); null: not an app */
  readyMs: number | null;
  readyMedianMs?: number;
}

export interface WalletFigures {
  wallet: string;
  /** txs of the wallet seen in a block during the window (mirrorbook_executor_txs_included_total) */
  txs: number;
  txsPerMin: number;
  /** INJ the wallet's included txs paid during the window (mirrorbook_executor_fees_inj_total) */
  feesInj: number;
  /** `feesInj` at the window's pace for a day */
  injPerDay: number;
  /** the executor's own fee meter at the end (`fees:<wallet>` perDayInj: the pace of the last hour, here since its start) */
  meterPerDayInj: number | null;
}

export interface ScaleTarget {
  target: string;
  value: string;
  met: boolean;
}

export interface ScaleResult {
  wallets: number;
  markets: number;
  minutes: number;
  walletsPerExecutor: number;
  executorProcesses: number;
  blockMs: number;
  /** wall time per block over the window */
  observedBlockMs: number;
  /** the apps ran from dist/ (node --max-semi-space-size=1, as the images) */
  compiled: true;
  /** start of the stack until every app listened, s */
  startSeconds: number;
  services: ScaleServiceUsage[];
  /** the observer: this process (bus tap, /proc sampling) */
  bench: { cpuPct: number; rssMiB: number };
  /** every service but the simulator */
  totals: { rssMiB: number; rssPeakMiB: number; cpuPct: number; idleRssMiB: number; idleCpuPct: number; withSimRssMiB: number; withSimCpuPct: number };
  intents: {
    /** intents the strategy published during the window */
    sent: number;
    applied: number;
    appliedPct: number;
    /** final outcome of each intent sent in the window; `none`: no final report within the grace */
    outcomes: Partial<Record<ExecutionOutcome | 'none', number>>;
    /** intents named by more than one final report (the last one's outcome is counted) */
    reportedTwice: number;
  };
  txs: { total: number; perWalletPerMinMean: number; perWalletPerMinMin: number; perWalletPerMinMax: number; sequenceMismatches: number };
  fees: { injPerDayMean: number; injPerDayMin: number; injPerDayMax: number; meterPerDayMean: number | null; meterPerDayMax: number | null };
  ordersOnBook: number;
  /** what the apps wrote to stdout and stderr over the whole run (LOG_LEVEL info), MiB */
  logMiB: number;
  perWallet: WalletFigures[];
  window: { seconds: number; fromHeight: number; toHeight: number };
  targets: ScaleTarget[];
}

/** /health 200 after spawn, per app process, watched from the moment each is spawned. */
class ReadinessWatch {
  private readonly pending = new Map<string, Promise<number | null>>();

  watch(name: string, proc: ManagedProcess): void {
    const spawnedAt = Date.now();
    this.pending.set(name, this.untilReady(proc, spawnedAt));
  }

  private async untilReady(proc: ManagedProcess, spawnedAt: number): Promise<number | null> {
    const deadline = spawnedAt + 180_000;
    try {
      const [, port] = await proc.waitForOutput(LISTENING, 180_000);
      while (Date.now() < deadline && proc.running) {
        const status = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1000) }).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 200) return Date.now() - spawnedAt;
        await sleep(100);
      }
    } catch {
      // exited or never listened: not ready
    }
    return null;
  }

  async results(): Promise<Map<string, number | null>> {
    const out = new Map<string, number | null>();
    for (const [name, p] of this.pending) out.set(name, await p);
    return out;
  }
}

/** A metric's samples by their `wallet` label, other labels summed. */
export function metricByWallet(text: string, metric: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== metric) continue;
    const wallet = /(?:^|,)wallet="([^"]*)"/.exec(match[2]!)?.[1];
    if (wallet !== undefined) out.set(wallet, (out.get(wallet) ?? 0) + Number(match[3]));
  }
  return out;
}

interface Counters {
  txs: Map<string, number>;
  fees: Map<string, number>;
  mismatches: number;
}

/** Every executor's per-wallet txs included and fees paid, and sequence mismatches summed. */
async function executorCounters(stack: Stack): Promise<Counters> {
  const txs = new Map<string, number>();
  const fees = new Map<string, number>();
  let mismatches = 0;
  for (const [name, proc] of stack.procs) {
    if (!name.startsWith('executor-') || !proc.running) continue;
    const text = await stack.metrics(name).catch(() => '');
    for (const [w, n] of metricByWallet(text, 'mirrorbook_executor_txs_included_total')) txs.set(w, (txs.get(w) ?? 0) + n);
    for (const [w, n] of metricByWallet(text, 'mirrorbook_executor_fees_inj_total')) fees.set(w, (fees.get(w) ?? 0) + n);
    for (const n of metricByWallet(text, 'mirrorbook_executor_sequence_mismatches_total').values()) mismatches += n;
  }
  return { txs, fees, mismatches };
}

/**
 * `wallets` wallets × `markets` markets on the simulator with every app run from the compiled
 * dist/ as the images run it (dist/ is built first when missing or stale), executors grouped
 * `walletsPerExecutor` wallets to a process. Sampled idle (bots stopped), then, after the bots are
 * bootstrapped and the books built, over a window of `minutes`: per-process CPU (utime + stime over
 * the window, % of one core) and RSS (mean of 1 s samples) from /proc; intents the strategy
 * published in the window and their final outcomes from the executors' reports; txs per wallet
 * and fees from the executors' metrics; time from spawn to /health 200 per app process.
 */
export async function runScaleScenario(options: ScaleOptions): Promise<ScaleResult> {
  const blockMs = options.blockMs ?? 700;
  const log = options.log ?? (() => undefined);
  const markets = ALL_MARKETS.slice(0, Math.min(options.markets, ALL_MARKETS.length));
  const bots = Array.from({ length: options.wallets }, (_, i) => ({ id: `bot${i + 1}`, wallet: `w${i + 1}`, markets: [...markets], enabled: true }));
  const perExecutor = Math.max(1, Math.min(options.walletsPerExecutor, options.wallets));
  const executorProcesses = Math.ceil(options.wallets / perExecutor);

  const b0 = Date.now();
  ensureCompiled();
  log(`scale: dist/ current (${round((Date.now() - b0) / 1000, 1)} s to check or build)`);

  const readiness = new ReadinessWatch();
  const t0 = Date.now();
  let stack: Stack;
  try {
    stack = await startStack({
      markets: [...markets],
      bots,
      compiled: true,
      walletsPerExecutor: perExecutor,
      // no raw `>` subscriber: it would double NATS's deliveries; the tap takes intents and reports only
      recordBus: false,
      onStart: (name, proc) => readiness.watch(name, proc),
      sim: {
        blockMs,
        seed: 'mirrorbook-bench-scale',
        // measures the bots, not the request budget (as the load run)
        rateLimitPerSecond: 0,
        exchange: { pairs: Object.fromEntries(markets.map((m) => [m, { price: { startPrice: START_PRICES[m] }, testnetInitial: { kind: 'empty' } }])) },
      },
      env: { NETWORK: 'sim', LOG_LEVEL: 'info', CHAIN_LCD_LIMIT_PER_IP: '2000' },
    });
  } catch (error) {
    const hint = perExecutor > 1 ? ' (an executor that does not know EXECUTOR_WALLETS exits at start: try --wallets-per-executor 1)' : '';
    throw new Error(`${error instanceof Error ? error.message.split('\n')[0] : String(error)}${hint}`);
  }
  const startSeconds = round((Date.now() - t0) / 1000, 1);
  log(`scale: ${options.wallets} wallets × ${markets.length} markets, ${executorProcesses} executor process(es) of ≤ ${perExecutor} wallet(s), up in ${startSeconds} s`);
  const tap = await BusTap.open(stack.servers.nats.url);
  try {
    const watched: WatchedProcess[] = [
      ...[...stack.procs.entries()].map(([name, p]) => ({ name, pid: p.pid })),
      ...childProcesses(['nats-server', 'redis-server']),
      { name: BENCH_PROCESS, pid: process.pid },
    ];
    const ready = await readiness.results();
    await stack.waitBlocks(5, 120_000);
    await sleep(2000);
    const idle = await sampleUsage(watched, options.idleSeconds * 1000);
    log(`scale: idle sampled; bootstrapping ${bots.length} bots`);

    const boot = await stack.gateway('POST', '/api/bots/bootstrap');
    if (boot.status !== 200 && boot.status !== 201) throw new Error(`gateway bootstrap: ${boot.status} ${JSON.stringify(boot.body)}`);
    await stack.waitBlocks(10, 180_000);
    await sleep(Math.max(0, options.warmupSeconds * 1000 - 10 * blockMs));

    const before = await executorCounters(stack);
    const fromHeight = await stack.height();
    tap.clear();
    log(`scale: window of ${options.minutes} min from height ${fromHeight}`);
    const from = Date.now();
    const loaded = await sampleUsage(watched, options.minutes * 60_000);
    const to = Date.now();
    const seconds = (to - from) / 1000;
    const toHeight = await stack.height();
    const after = await executorCounters(stack);
    log(`scale: window sampled (${toHeight - fromHeight} blocks); settling its intents`);

    const sentIds = [...tap.intents.values()].filter((i) => i.seenAt >= from && i.seenAt <= to).map((i) => i.id);
    const { outcomes, reportedTwice } = await settle(tap, sentIds, options.graceSeconds * 1000);
    const meters = await feeMeters(stack, bots.map((b) => b.wallet));
    const ordersOnBook = await countOrders(stack, bots.map((b) => b.wallet), [...markets]);
    log(`scale: ${ordersOnBook} bot orders on the books`);

    const services = aggregate(idle, loaded, ready);
    const benchUsage = loaded.find((u) => u.name === BENCH_PROCESS);
    const counted = services.filter((s) => !NOT_COUNTED.has(s.service));
    const withSim = services.filter((s) => s.service !== BENCH_PROCESS);
    const sum = (rows: ScaleServiceUsage[], f: (s: ScaleServiceUsage) => number) => rows.reduce((n, s) => n + f(s), 0);
    const totals = {
      rssMiB: round(sum(counted, (s) => s.rssMiB), 0),
      rssPeakMiB: round(sum(counted, (s) => s.rssPeakMiB), 0),
      cpuPct: round(sum(counted, (s) => s.cpuPct), 1),
      idleRssMiB: round(sum(counted, (s) => s.idleRssMiB), 0),
      idleCpuPct: round(sum(counted, (s) => s.idleCpuPct), 1),
      withSimRssMiB: round(sum(withSim, (s) => s.rssMiB), 0),
      withSimCpuPct: round(sum(withSim, (s) => s.cpuPct), 1),
    };

    const perWallet: WalletFigures[] = bots.map(({ wallet }) => {
      const txs = (after.txs.get(wallet) ?? 0) - (before.txs.get(wallet) ?? 0);
      const feesInj = (after.fees.get(wallet) ?? 0) - (before.fees.get(wallet) ?? 0);
      return {
        wallet,
        txs,
        txsPerMin: round((txs / seconds) * 60, 2),
        feesInj: round(feesInj, 8),
        injPerDay: round((feesInj / seconds) * 86_400, 4),
        meterPerDayInj: meters.get(wallet) ?? null,
      };
    });
    const applied = outcomes.applied ?? 0;
    const appliedPct = sentIds.length === 0 ? Number.NaN : round((applied / sentIds.length) * 100, 2);
    const perMin = perWallet.map((w) => w.txsPerMin);
    const perDay = perWallet.map((w) => w.injPerDay);
    const meterDays = perWallet.flatMap((w) => (w.meterPerDayInj === null ? [] : [w.meterPerDayInj]));
    const result: Omit<ScaleResult, 'targets'> = {
      wallets: options.wallets,
      markets: markets.length,
      minutes: options.minutes,
      walletsPerExecutor: perExecutor,
      executorProcesses,
      blockMs,
      observedBlockMs: toHeight > fromHeight ? round((seconds * 1000) / (toHeight - fromHeight), 0) : Number.NaN,
      compiled: true,
      startSeconds,
      services,
      bench: { cpuPct: benchUsage?.cpuPct ?? Number.NaN, rssMiB: benchUsage?.rssMeanMiB ?? Number.NaN },
      totals,
      intents: { sent: sentIds.length, applied, appliedPct, outcomes, reportedTwice },
      txs: {
        total: perWallet.reduce((n, w) => n + w.txs, 0),
        perWalletPerMinMean: round(mean(perMin), 2),
        perWalletPerMinMin: round(Math.min(...perMin), 2),
        perWalletPerMinMax: round(Math.max(...perMin), 2),
        sequenceMismatches: after.mismatches - before.mismatches,
      },
      fees: {
        injPerDayMean: round(mean(perDay), 3),
        injPerDayMin: round(Math.min(...perDay), 3),
        injPerDayMax: round(Math.max(...perDay), 3),
        meterPerDayMean: meterDays.length ? round(mean(meterDays), 3) : null,
        meterPerDayMax: meterDays.length ? round(Math.max(...meterDays), 3) : null,
      },
      ordersOnBook,
      logMiB: round([...stack.procs.values()].reduce((n, p) => n + p.logs().length, 0) / MIB, 1),
      perWallet,
      window: { seconds: round(seconds, 1), fromHeight, toHeight },
    };
    return { ...result, targets: scaleTargets(result) };
  } catch (error) {
    log(`scale failed; last log lines:\n${stack.logs().split('\n').slice(-40).join('\n')}`);
    throw error;
  } finally {
    await tap.close();
    await stack.stop();
  }
}

/**
 * The final outcome of each intent of `ids` (the last final report naming it), waiting at most
 * `graceMs` for those still open; `none` for an intent with no final report by then.
 */
async function settle(
  tap: BusTap,
  ids: readonly string[],
  graceMs: number,
): Promise<{ outcomes: Partial<Record<ExecutionOutcome | 'none', number>>; reportedTwice: number }> {
  const wanted = new Set(ids);
  const twice = new Set<string>();
  const outcomeOf = () => {
    const final = new Map<string, ExecutionOutcome>();
    twice.clear();
    for (const r of tap.reports) {
      if (!isFinalReport(r)) continue;
      for (const id of r.intentIds) {
        if (!wanted.has(id)) continue;
        if (final.has(id)) twice.add(id);
        final.set(id, r.outcome);
      }
    }
    return final;
  };
  const deadline = Date.now() + graceMs;
  let final = outcomeOf();
  while (final.size < wanted.size && Date.now() < deadline) {
    await sleep(1000);
    final = outcomeOf();
  }
  const counts: Partial<Record<ExecutionOutcome | 'none', number>> = {};
  for (const id of wanted) {
    const outcome = final.get(id) ?? 'none';
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return { outcomes: counts, reportedTwice: twice.size };
}

/** Each wallet's `fees:<wallet>` perDayInj (the executor's own meter), as a number; absent when unset. */
async function feeMeters(stack: Stack, wallets: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const wallet of wallets) {
    const raw = await stack.redis.get(redisKeys.fees(wallet));
    if (!raw) continue;
    const parsed = storedFeesSchema.safeParse(JSON.parse(raw));
    if (parsed.success && parsed.data.perDayInj !== null) out.set(wallet, round(Number(parsed.data.perDayInj), 4));
  }
  return out;
}

async function countOrders(stack: Stack, wallets: string[], markets: string[]): Promise<number> {
  let n = 0;
  for (const w of wallets) for (const m of markets) n += (await stack.openOrders(w, m).catch(() => [])).length;
  return n;
}

/** One row per service: executors summed, with their largest process and slowest start. */
function aggregate(idle: ProcessUsage[], loaded: ProcessUsage[], ready: Map<string, number | null>): ScaleServiceUsage[] {
  const serviceOf = (name: string) => (name.startsWith('executor-') ? 'executor' : name);
  const rows = new Map<string, { idle: ProcessUsage[]; loaded: ProcessUsage[]; ready: (number | null)[] }>();
  const row = (service: string) => {
    let r = rows.get(service);
    if (!r) rows.set(service, (r = { idle: [], loaded: [], ready: [] }));
    return r;
  };
  for (const u of idle) row(serviceOf(u.name)).idle.push(u);
  for (const u of loaded) {
    const r = row(serviceOf(u.name));
    r.loaded.push(u);
    if (ready.has(u.name)) r.ready.push(ready.get(u.name)!);
  }
  return [...rows.entries()].map(([service, r]) => {
    const several = r.loaded.length > 1;
    // a process that never answered counts as not ready at all
    const readyMs = r.ready.length === 0 ? null : r.ready.some((ms) => ms === null) ? Number.POSITIVE_INFINITY : Math.max(...(r.ready as number[]));
    return {
      service,
      processes: r.loaded.length,
      idleCpuPct: round(r.idle.reduce((n, u) => n + u.cpuPct, 0), 1),
      idleRssMiB: round(r.idle.reduce((n, u) => n + u.rssMeanMiB, 0), 0),
      cpuPct: round(r.loaded.reduce((n, u) => n + u.cpuPct, 0), 1),
      rssMiB: round(r.loaded.reduce((n, u) => n + u.rssMeanMiB, 0), 0),
      rssPeakMiB: round(r.loaded.reduce((n, u) => n + u.rssMaxMiB, 0), 0),
      ...(several
        ? { perProcessRssMaxMiB: Math.max(...r.loaded.map((u) => u.rssMeanMiB)), perProcessCpuMaxPct: Math.max(...r.loaded.map((u) => u.cpuPct)) }
        : {}),
      readyMs,
      ...(several && r.ready.length > 1 ? { readyMedianMs: median(r.ready.map((ms) => ms ?? Number.POSITIVE_INFINITY)) } : {}),
    };
  });
}

const secondsText = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : 'never');

/** The run against SCALE_TARGETS. */
export function scaleTargets(r: Omit<ScaleResult, 'targets'>): ScaleTarget[] {
  const maxRssMiB = SCALE_TARGETS.totalRssBytes / MIB;
  const apps = r.services.filter((s) => s.readyMs !== null && !NOT_COUNTED.has(s.service));
  const slowest = apps.reduce<ScaleServiceUsage | undefined>((a, s) => (a && (a.readyMs ?? 0) >= (s.readyMs ?? 0) ? a : s), undefined);
  return [
    {
      target: `intents applied ≥ ${SCALE_TARGETS.appliedPct} % of those sent`,
      value: `${r.intents.appliedPct} % (${r.intents.applied} of ${r.intents.sent})`,
      met: r.intents.appliedPct >= SCALE_TARGETS.appliedPct,
    },
    {
      target: `all services together ≤ 2.5 GB RSS (${Math.round(maxRssMiB)} MiB), the sim not counted`,
      value: `${r.totals.rssMiB} MiB (peak ${r.totals.rssPeakMiB})`,
      met: r.totals.rssMiB <= maxRssMiB,
    },
    {
      target: `all services together ≤ ${SCALE_TARGETS.totalCpuPct} % of one core, the sim not counted`,
      value: `${r.totals.cpuPct} %`,
      met: r.totals.cpuPct <= SCALE_TARGETS.totalCpuPct,
    },
    {
      target: `each service ready (/health 200) ≤ ${SCALE_TARGETS.readyMs / 1000} s after its start`,
      value: `slowest ${slowest?.service ?? '—'} ${secondsText(slowest?.readyMs)}; ${apps.map((s) => `${s.service} ${secondsText(s.readyMs)}`).join(', ')}`,
      met: apps.length > 0 && apps.every((s) => (s.readyMs ?? Number.POSITIVE_INFINITY) <= SCALE_TARGETS.readyMs),
    },
  ];
}

/** The per-service table of a scale run. */
export function scaleServiceTable(r: ScaleResult): { header: string[]; rows: string[][] } {
  const header = ['service', 'processes', 'idle CPU %', 'idle RSS MiB', `CPU % (${r.minutes} min)`, `RSS MiB (${r.minutes} min, mean)`, 'ready'];
  const rows = r.services.map((s) => [
    s.service,
    String(s.processes),
    s.idleCpuPct.toFixed(1),
    String(s.idleRssMiB),
    s.perProcessCpuMaxPct === undefined ? s.cpuPct.toFixed(1) : `${s.cpuPct.toFixed(1)} (max ${s.perProcessCpuMaxPct.toFixed(1)} each)`,
    s.perProcessRssMaxMiB === undefined ? String(s.rssMiB) : `${s.rssMiB} (max ${s.perProcessRssMaxMiB} each)`,
    s.readyMedianMs === undefined ? secondsText(s.readyMs) : `${secondsText(s.readyMs)} (median ${secondsText(s.readyMedianMs)})`,
  ]);
  rows.push(['all but the sim and the bench', '', r.totals.idleCpuPct.toFixed(1), String(r.totals.idleRssMiB), r.totals.cpuPct.toFixed(1), `${r.totals.rssMiB} (peak ${r.totals.rssPeakMiB})`, '']);
  return { header, rows };
}

/** The figures and targets of a scale run, as table rows. */
export function scaleSummaryTable(r: ScaleResult): { header: string[]; rows: string[][] } {
  const outcomes = Object.entries(r.intents.outcomes).map(([k, n]) => `${k} ${n}`).join(', ');
  const rows: string[][] = [
    ['intents applied ÷ sent', `${r.intents.appliedPct} %`, `${r.intents.sent} intents published in the window; final outcomes: ${outcomes || 'none'}${r.intents.reportedTwice ? ` (${r.intents.reportedTwice} with two final reports: the last counted)` : ''}`],
    ['txs per wallet per minute (mean / min / max)', `${r.txs.perWalletPerMinMean} / ${r.txs.perWalletPerMinMin} / ${r.txs.perWalletPerMinMax}`, `${r.txs.total} txs in blocks over ${r.window.seconds} s, ${r.window.toHeight - r.window.fromHeight} blocks (${r.observedBlockMs} ms each, nominal ${r.blockMs}); ${r.txs.sequenceMismatches} sequence mismatches`],
    ['fee meter: INJ a day per wallet (mean / min / max)', `${r.fees.injPerDayMean} / ${r.fees.injPerDayMin} / ${r.fees.injPerDayMax}`, `the window's fees (mirrorbook_executor_fees_inj_total) × 24 h ÷ its wall time; the executors' own meter (fees:<wallet> perDayInj, since their start): mean ${r.fees.meterPerDayMean ?? '—'}, max ${r.fees.meterPerDayMax ?? '—'}`],
    ['orders on the books at the end', String(r.ordersOnBook), `${r.wallets} wallets × ${r.markets} markets; executors: ${r.executorProcesses} process(es) of ≤ ${r.walletsPerExecutor} wallet(s); apps from dist/; stack up in ${r.startSeconds} s`],
    ['the bench itself (not counted)', `${r.bench.cpuPct} % CPU, ${r.bench.rssMiB} MiB`, `bus tap (intents, reports), /proc sampling, /metrics reads; keeps the apps' output (${r.logMiB} MiB at LOG_LEVEL info)`],
  ];
  for (const t of r.targets) rows.push([`target: ${t.target}`, t.met ? 'pass' : 'miss', t.value]);
  return { header: ['figure', 'value', 'how'], rows };
}

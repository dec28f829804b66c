/**
 * The figures of a scale run (bench/lib/scale.scenario.ts): the targets, the per-service rows, the
 * tables; no I/O.
 */
import type { ExecutionOutcome } from '@mirrorbook/contracts';
import type { ProcessUsage } from './process.usage';
import { median, round } from './sample.stats';

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

export const MIB = 2 ** 20;
export const BENCH_PROCESS = 'bench (this process)';
/** Left out of the totals and the targets: the simulator stands in for the chain, the bench is the observer. */
export const NOT_COUNTED: ReadonlySet<string> = new Set(['injective-sim', BENCH_PROCESS]);

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
  /** processes that never answered /health 200 (readyMs is then Infinity, null in the JSON) */
  notReady?: number;
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
  /** the apps ran from dist/ (node the flags of scripts/node-flags.json, as the images) */
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

/** One row per service: executors summed, with their largest process and slowest start. */
export function aggregate(idle: ProcessUsage[], loaded: ProcessUsage[], ready: Map<string, number | null>): ScaleServiceUsage[] {
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
      ...(r.ready.some((ms) => ms === null) ? { notReady: r.ready.filter((ms) => ms === null).length } : {}),
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

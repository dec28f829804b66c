import { isFinalReport, redisKeys, storedFeesSchema, type ExecutionOutcome } from '@mirrorbook/contracts';
import { ensureCompiled, type ManagedProcess } from '@mirrorbook/testing';
import { startStack, type Stack } from '@mirrorbook/testing/stack';
import { BusTap } from './bus.tap';
import { ALL_MARKETS } from './load.scenario';
import { childProcesses, sampleUsage, type WatchedProcess } from './process.usage';
import { mean, round, sleep } from './sample.stats';
import {
  aggregate,
  BENCH_PROCESS,
  metricByWallet,
  MIB,
  NOT_COUNTED,
  scaleTargets,
  type ScaleResult,
  type ScaleServiceUsage,
  type WalletFigures,
} from './scale.table';

/** Mainnet start prices the markets' ticks can express, near the real ones (as the load run). */
const START_PRICES: Record<string, string> = {
  'inj-usdt': '25', 'atom-usdt': '5', 'stinj-inj': '1.5', 'inj-usdt-perp': '25', 'btc-usdt-perp': '60000', 'eth-usdt-perp': '3000',
};

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
 * started (each by the gateway) and the books built, over a window of `minutes`: per-process CPU (utime + stime over
 * the window, % of one core) and RSS (mean of 1 s samples) from /proc; intents the strategy
 * published in the window and their final outcomes from the executors' reports; txs per wallet
 * and fees from the executors' metrics; time from spawn to /health 200 per app process.
 */
export async function runScaleScenario(options: ScaleOptions): Promise<ScaleResult> {
  const blockMs = options.blockMs ?? 700;
  const log = options.log ?? (() => undefined);
  const markets = ALL_MARKETS.slice(0, Math.min(options.markets, ALL_MARKETS.length));
  // stopped by default, so the idle sample is idle (bots:bootstrap is there, and a bot runs by its config default)
  const bots = Array.from({ length: options.wallets }, (_, i) => ({ id: `bot${i + 1}`, wallet: `w${i + 1}`, markets: [...markets], enabled: false }));
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
    // the process's last lines say why it stopped
    const lines = error instanceof Error ? error.message.split('\n').filter((l) => l.trim() !== '') : [String(error)];
    throw new Error([lines[0], ...lines.slice(1).slice(-6)].join('\n  '));
  }
  const startSeconds = round((Date.now() - t0) / 1000, 1);
  log(`scale: ${options.wallets} wallets × ${markets.length} markets, ${executorProcesses} executor process(es) of ≤ ${perExecutor} wallet(s), up in ${startSeconds} s`);
  const tap = await BusTap.open(stack.servers.nats.url);
  let ready = new Map<string, number | null>();
  try {
    const watched: WatchedProcess[] = [
      ...[...stack.procs.entries()].map(([name, p]) => ({ name, pid: p.pid })),
      ...childProcesses(['nats-server', 'redis-server']),
      { name: BENCH_PROCESS, pid: process.pid },
    ];
    ready = await readiness.results();
    // a saturated machine (every app just started) may keep the sim from answering for a while
    await stack.waitBlocks(5, 300_000);
    await sleep(2000);
    const idle = await sampleUsage(watched, options.idleSeconds * 1000);
    log(`scale: idle sampled; starting ${bots.length} bots`);

    for (const bot of bots) {
      const res = await stack.gateway('POST', `/api/bots/${bot.id}/start`);
      if (res.status !== 200) throw new Error(`gateway start ${bot.id}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    await stack.waitBlocks(10, 300_000);
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
      logMiB: round([...stack.procs.values()].reduce((n, p) => n + p.logs().length, 0) / MIB, 2),
      perWallet,
      window: { seconds: round(seconds, 1), fromHeight, toHeight },
    };
    return { ...result, targets: scaleTargets(result) };
  } catch (error) {
    const readyText = [...ready].map(([name, ms]) => `${name} ${ms === null ? 'never' : `${(ms / 1000).toFixed(1)} s`}`).join(', ');
    log(`scale failed; ready (spawn → /health 200): ${readyText || 'not measured yet'}; last log lines:\n${stack.logs().split('\n').slice(-40).join('\n')}`);
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


/**
 * Every benchmark in one run: one table against the seed's numbers (docs/architecture.md#seed-numbers), the raw results
 * in `bench/results/<date>.json` and, for a full run, the table with the machine it ran on in
 * `bench/RESULTS.md`.
 *
 *   npm run bench                      # full: ≈ 45 min on 2 cores (the cadence run ≈ 25 of them, the scale run ≈ 8)
 *   npm run bench -- --quick           # shorter windows, 5 wallets in the load run, 10 × 1 min in the scale run,
 *                                      # 3 candles of cadence: ≈ 15 min
 *   npm run bench -- --only pipeline,load --wallets 10
 *   npm run bench -- --only cadence --candles 20   # the cost of fidelity alone: ≈ 25 min
 *   npm run bench -- --only tick       # a reference move on a static testnet book: ≈ 3 min
 *   npm run bench -- --only scale [--wallets 50] [--minutes 5] [--wallets-per-executor 10]
 *                                      # 50 wallets × 6 markets on the compiled services: ≈ 8 min
 *
 * Options: `--quick`; `--only <sections>` (planning, strategy, executor, pipeline, tick, load, scale, cadence);
 * `--candles N` for the cadence run (default 20, quick 3; real time scale, 86 blocks each);
 * `--wallets N` and `--markets N` for the load run (default 20 × 6, quick 5 × 6; the stack knows
 * six real market pairs, so 10 markets cannot be configured); for the scale run `--wallets N`
 * (default 50, quick 10), `--minutes M` (its window, default 5, quick 1) and
 * `--wallets-per-executor N` (default 10: one executor process per 10 wallets, EXECUTOR_WALLETS;
 * 1: one process per wallet, WALLET_ID), `--markets` as the load run; `--results-md` to write
 * bench/RESULTS.md from a quick or partial run too (a cadence-only run rewrites just its section
 * of bench/RESULTS.md, by default from 20 candles on); `--no-write` to print only.
 * Processes started by the harness put their temporary files under $TMPDIR.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTable, cadenceMarkdown, printTables, resultsMarkdown, withCadenceSection } from './bench.report';
import { SECTIONS, type Results, type Section, type SectionLog, type Settings } from './bench.results';
import { cadenceDefaults, runCadenceBench } from './cadence.bench';
import { runExecutorScenario } from './executor.bench';
import { runLoadScenario } from './lib/load.scenario';
import { loadNow, machineInfo } from './lib/machine.info';
import { runPipelineScenario } from './lib/pipeline.scenario';
import { runScaleScenario } from './lib/scale.scenario';
import { runStaticBookScenario } from './lib/static-book.scenario';
import { round } from './lib/sample.stats';
import { runPlanningBench } from './strategy-planning.bench';
import { runStrategyBench } from './strategy-worker.bench';

const USAGE = `usage: npm run bench [-- options]
  --quick              shorter windows, 5 wallets in the load run, 10 wallets for 1 min in the
                       scale run, 3 candles in the cadence run (≈ 15 min instead of ≈ 45)
  --only a,b           sections to run: ${SECTIONS.join(', ')}
  --candles N          candles of the cadence run, 86 blocks of 700 ms each [20; quick 3]
  --wallets N          wallets (one bot each) in the load and the scale run
                       [load 20, quick 5; scale 50, quick 10]
  --markets N          markets per bot in the load and the scale run, at most 6 [6]
  --minutes M          minutes of the scale run's measured window [5; quick 1]
  --wallets-per-executor N
                       wallets one executor process runs in the scale run (EXECUTOR_WALLETS);
                       1: a process per wallet (WALLET_ID) [10]
  --results-md         write bench/RESULTS.md from a quick or partial run too (--only cadence
                       rewrites its own section of it, by default from 20 candles on)
  --no-write           print only: no bench/results/<date>.json, no RESULTS.md
  --from FILE          no run: print the table of a saved bench/results/<date>.json and write
                       bench/RESULTS.md from it
`;

function parseArgs(argv: string[]): Settings {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const withValue = ['--only', '--wallets', '--markets', '--from', '--candles', '--minutes', '--wallets-per-executor'];
  const known = ['--quick', '--results-md', '--no-write', ...withValue];
  for (let i = 0; i < argv.length; i++) {
    if (!known.includes(argv[i]!)) throw new Error(`unknown argument "${argv[i]}"\n${USAGE}`);
    if (withValue.includes(argv[i]!)) i++;
  }
  const quick = argv.includes('--quick');
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const only = (value('--only')?.split(',') ?? [...SECTIONS]).map((s) => s.trim());
  for (const s of only) if (!SECTIONS.includes(s as Section)) throw new Error(`--only: unknown section "${s}" (one of ${SECTIONS.join(', ')})`);
  const wallets = Number(value('--wallets') ?? (quick ? 5 : 20));
  const markets = Number(value('--markets') ?? 6);
  if (!Number.isInteger(wallets) || wallets < 1) throw new Error(`--wallets: a positive integer, got "${value('--wallets')}"`);
  if (!Number.isInteger(markets) || markets < 1 || markets > 6) throw new Error(`--markets: 1 to 6 (the pairs the stack knows), got "${value('--markets')}"`);
  const scale = {
    wallets: Number(value('--wallets') ?? (quick ? 10 : 50)),
    minutes: Number(value('--minutes') ?? (quick ? 1 : 5)),
    walletsPerExecutor: Number(value('--wallets-per-executor') ?? 10),
  };
  if (!(scale.minutes > 0)) throw new Error(`--minutes: a positive number, got "${value('--minutes')}"`);
  if (!Number.isInteger(scale.walletsPerExecutor) || scale.walletsPerExecutor < 1) {
    throw new Error(`--wallets-per-executor: a positive integer, got "${value('--wallets-per-executor')}"`);
  }
  const candles = Number(value('--candles') ?? (quick ? 3 : 20));
  if (!Number.isInteger(candles) || candles < 1) throw new Error(`--candles: a positive integer, got "${value('--candles')}"`);
  // a cadence run short of the 20 candles the targets are judged on is a smoke run: not recorded in RESULTS.md unless asked
  const cadenceOnly = only.length === 1 && only[0] === 'cadence' && candles >= 20;
  return {
    quick,
    only: only as Section[],
    wallets,
    markets,
    scale,
    candles,
    resultsMd: argv.includes('--results-md') || (!quick && (only.length === SECTIONS.length || cadenceOnly)),
    write: !argv.includes('--no-write'),
    from: value('--from'),
  };
}


const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/**
 * bench/RESULTS.md for a run: the whole file, or for a cadence-only run its cadence section alone
 * (the other figures stay those of the last full run).
 */
function writeResultsMd(results: Results, jsonFile: string): void {
  const path = join(__dirname, 'RESULTS.md');
  const cadenceOnly = results.settings.only.length === 1 && results.cadence !== undefined;
  const text = cadenceOnly && existsSync(path) ? withCadenceSection(readFileSync(path, 'utf8'), cadenceMarkdown(results, jsonFile)) : resultsMarkdown(results, jsonFile);
  writeFileSync(path, text);
}

/** Prints the table of a saved run and writes bench/RESULTS.md from it (the table is rebuilt: wording may be newer). */
function fromSaved(file: string, write: boolean): void {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Results;
  if (!saved.machine || !Array.isArray(saved.sections)) throw new Error(`${file}: not a bench/results file`);
  saved.table = buildTable(saved);
  printTables(saved);
  if (write) {
    writeResultsMd(saved, file);
    log(`table: ${join(__dirname, 'RESULTS.md')}`);
  }
}

async function main(): Promise<void> {
  const settings = parseArgs(process.argv.slice(2));
  if (settings.from) return fromSaved(settings.from, settings.write);
  const t0 = Date.now();
  const results: Results = {
    startedAt: new Date().toISOString(),
    mode: settings.quick ? 'quick' : 'full',
    settings,
    machine: machineInfo(),
    machineAtEnd: machineInfo(),
    sections: [],
    table: [],
    durationSeconds: 0,
  };
  log(`${results.mode} run: ${settings.only.join(', ')}; ${results.machine.cores} cores, Node ${results.machine.node}; ${results.machine.uptime}`);

  const run = async (section: Section, fn: () => Promise<void>) => {
    if (!settings.only.includes(section)) return;
    const entry: SectionLog = { section, seconds: 0, loadBefore: loadNow().load1, loadAfter: 0 };
    const s0 = Date.now();
    log(`${section}: start (load ${entry.loadBefore})`);
    try {
      await fn();
    } catch (error) {
      entry.error = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      log(`${section}: FAILED: ${entry.error}`);
    }
    entry.seconds = round((Date.now() - s0) / 1000, 0);
    entry.loadAfter = loadNow().load1;
    results.sections.push(entry);
    log(`${section}: done in ${entry.seconds} s (load ${entry.loadAfter})`);
  };

  await run('planning', async () => {
    results.planning = runPlanningBench(settings.quick ? 2000 : 5000);
  });
  await run('strategy', async () => {
    results.strategy = await runStrategyBench({ snapshots: settings.quick ? 1000 : 2000, workers: [1, 2], concurrency: 4, maintenance: false });
  });
  await run('executor', async () => {
    const steadyBlockOnDemand = await runExecutorScenario({ blockMs: 0, seconds: settings.quick ? 15 : 60 });
    log(`executor: blocks on demand: ${steadyBlockOnDemand.txsPerS} txs/s`);
    const steadyBlock700 = await runExecutorScenario({ blockMs: 700, seconds: settings.quick ? 15 : 30 });
    log(`executor: 700 ms blocks: ${steadyBlock700.txsPerS} txs/s`);
    const failover = settings.quick ? undefined : await runExecutorScenario({ blockMs: 700, seconds: 30, failoverAtS: 10 });
    results.executor = { steadyBlockOnDemand, steadyBlock700, failover };
  });
  await run('pipeline', async () => {
    results.pipeline = await runPipelineScenario({ latencySeconds: settings.quick ? 20 : 60, buildRuns: settings.quick ? 1 : 3, log });
  });
  await run('tick', async () => {
    results.tick = await runStaticBookScenario({ steps: settings.quick ? 15 : 40, log });
  });
  await run('load', async () => {
    results.load = await runLoadScenario({
      wallets: settings.wallets,
      markets: settings.markets,
      idleSeconds: settings.quick ? 8 : 20,
      loadSeconds: settings.quick ? 15 : 45,
      log,
    });
  });
  await run('scale', async () => {
    results.scale = await runScaleScenario({
      ...settings.scale,
      markets: settings.markets,
      idleSeconds: settings.quick ? 5 : 10,
      warmupSeconds: settings.quick ? 15 : 30,
      graceSeconds: settings.quick ? 15 : 30,
      log,
    });
  });
  await run('cadence', async () => {
    results.cadence = await runCadenceBench(cadenceDefaults(log, settings.candles));
  });

  results.machineAtEnd = machineInfo();
  results.durationSeconds = round((Date.now() - t0) / 1000, 0);
  results.table = buildTable(results);
  printTables(results);

  if (settings.write) {
    const dir = join(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    const suffix = `${settings.only.length === 1 ? `-${settings.only[0]}` : ''}${settings.quick ? '-quick' : ''}`;
    const file = join(dir, `${results.startedAt.slice(0, 19).replace(/:/g, '-')}Z${suffix}.json`);
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    log(`results: ${file}`);
    // the scale run's figures also on their own, beside a run of several sections
    if (results.scale && settings.only.length > 1) {
      const scaleFile = file.replace(/\.json$/, '-scale.json');
      const { machine, machineAtEnd, startedAt, mode } = results;
      writeFileSync(scaleFile, `${JSON.stringify({ startedAt, mode, settings, machine, machineAtEnd, scale: results.scale }, null, 2)}\n`);
      log(`scale results: ${scaleFile}`);
    }
    if (settings.resultsMd) {
      writeResultsMd(results, file);
      log(`table: ${join(__dirname, 'RESULTS.md')}`);
    }
  }
}


void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

/**
 * The report of a bench run: the comparison table with the seed's numbers, printed and as bench/RESULTS.md.
 */
import type { CadenceResult } from './cadence.bench';
import { CADENCE_TARGETS, cadenceHeader, cadenceRows, targetMisses } from './lib/cadence.table';
import type { LoadResult } from './lib/load.scenario';
import { markdownTable, textTable, type ResultRow } from './lib/results.table';
import { scaleServiceTable, scaleSummaryTable, type ScaleResult } from './lib/scale.table';
import { median, round } from './lib/sample.stats';
import { ratioText, SEED } from './lib/seed.numbers';
import { SECTIONS, type Results, type Section } from './bench.results';

const SECTION_COUNT = SECTIONS.length;

/** Prints the comparison table, the per-service table of a load run and the machine line. */
export function printTables(results: Results): void {
  // a cadence or scale run alone has none of the comparison's figures
  if (results.settings.only.some((s) => s !== 'cadence' && s !== 'scale')) {
    const main = textTable(['metric', 'mirrorbook', 'seed', 'better by', 'how'], results.table.map((r) => [r.metric, r.value, r.seed, r.ratio, r.note]), [34, 30, 24, 22, 64]);
    process.stdout.write(`\n${main}\n`);
  }
  if (results.load) process.stdout.write(`\n${textTable(serviceHeader(results.load), serviceRows(results.load))}\n`);
  if (results.scale) {
    const services = scaleServiceTable(results.scale);
    const summary = scaleSummaryTable(results.scale);
    process.stdout.write(`\n${scaleAbout(results.scale)}\n${textTable(services.header, services.rows, 40)}\n${textTable(summary.header, summary.rows, [40, 24, 80])}\n`);
  }
  if (results.cadence) process.stdout.write(`\n${cadenceAbout(results.cadence)}\n${textTable(cadenceHeader(results.cadence.runs), cadenceRows(results.cadence.runs), 40)}\n${cadenceVerdict(results.cadence)}\n`);
  process.stdout.write(`\n${machineLine(results)}\n`);
}

/** What the scale run ran. */
function scaleAbout(r: ScaleResult): string {
  return `Scale: ${r.wallets} wallets × ${r.markets} markets (one bot per wallet) on the simulator, every app from dist/ as the images run it, executors ${r.executorProcesses} process(es) of ≤ ${r.walletsPerExecutor} wallet(s); CPU (% of one core) and mean RSS over a ${r.minutes} min window after the books were built; ready: spawn → /health 200 (every app started at once, as npm start does)`;
}

/** The scale section of bench/RESULTS.md. */
function scaleMarkdown(r: ScaleResult): string[] {
  const services = scaleServiceTable(r);
  const summary = scaleSummaryTable(r);
  return [`${scaleAbout(r)}:`, '', markdownTable(services.header, services.rows), '', markdownTable(summary.header, summary.rows), ''];
}

/** What the cadence run replayed, at which scale. */
function cadenceAbout(c: CadenceResult): string {
  const chainMin = Math.round((c.candles * c.blocksPerCandle * c.blockMs) / 60_000);
  return `Cadence: the demo setup (config/bots.json: w1 on inj-usdt + atom-usdt, w2 on inj-usdt-perp) replaying ${c.prices} (${c.market}; other markets scaled to their level), ${c.candles} candles × ${c.blocksPerCandle} blocks of ${c.blockMs} ms (≈ ${chainMin} min of chain time, after ${c.warmupBlocks} warm-up blocks), the three settings at once in isolated stacks; uptime: own bids and asks each ≥ ${c.minDepth} within ${c.maxSpreadBps} bps; INJ/day = fees of the measured blocks ÷ their chain time × 24 h`;
}

/** The default setting against the targets. */
function cadenceVerdict(c: CadenceResult): string {
  const targets = `≤ ${CADENCE_TARGETS.injPerDay} INJ/day per wallet, RMS ≤ ${CADENCE_TARGETS.rmsBps} bps, two-sided uptime ≥ ${CADENCE_TARGETS.uptime * 100} %`;
  const run = c.runs.find((r) => r.setting === 'default');
  if (!run) return `targets (${targets}): the default setting did not run`;
  const misses = targetMisses(run);
  return `targets at the default setting (${targets}): ${misses.length ? `missed: ${misses.join('; ')}` : 'met'}${c.candles < 20 ? ` (only ${c.candles} candles: the targets are judged on ≥ 20)` : ''}`;
}

export const CADENCE_START = '<!-- cadence:start -->';
export const CADENCE_END = '<!-- cadence:end -->';

/** The cadence section of bench/RESULTS.md, between its markers. */
export function cadenceMarkdown(results: Results, jsonFile: string): string {
  const c = results.cadence!;
  const m = results.machine;
  return [
    CADENCE_START,
    '## Cadence: the cost of fidelity',
    '',
    `\`${cadenceCommand(results)}\` (run of ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${Math.floor(results.durationSeconds / 60)} min ${results.durationSeconds % 60} s; raw results in \`bench/results/${jsonFile.split('/').pop()}\`).`,
    `${cadenceAbout(c)}.`,
    '',
    markdownTable(cadenceHeader(c.runs), cadenceRows(c.runs)),
    '',
    `${cadenceVerdict(c)}.`,
    '',
    `Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB RAM, Node ${m.node}; \`uptime\` at start \`${m.uptime}\`, at end \`${results.machineAtEnd.uptime}\`.`,
    CADENCE_END,
  ].join('\n');
}

/** The command a run with these settings was. */
function cadenceCommand(results: Results): string {
  const s = results.settings;
  const args = [...(s.quick ? ['--quick'] : []), ...(s.only.length < SECTION_COUNT ? ['--only', s.only.join(',')] : []), ...(s.candles !== 20 ? ['--candles', String(s.candles)] : [])];
  return `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;
}

/** `markdown` with its cadence section replaced by `section` (appended when it has none). */
export function withCadenceSection(markdown: string, section: string): string {
  const start = markdown.indexOf(CADENCE_START);
  const end = markdown.indexOf(CADENCE_END);
  if (start < 0 || end < start) return `${markdown.trimEnd()}\n\n${section}\n`;
  return `${markdown.slice(0, start)}${section}${markdown.slice(end + CADENCE_END.length)}`;
}

const blocksText = (n: number) => `${n} block${n === 1 ? '' : 's'}`;
const fmtMs = (ms: number) => (!Number.isFinite(ms) ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const notMeasured = (id: string, metric: string, seed: string, why: string): ResultRow => ({ id, metric, value: 'not measured', number: null, seed, ratio: '—', note: why });

function sectionError(results: Results, section: Section): string {
  const entry = results.sections.find((s) => s.section === section);
  return entry?.error ? `section failed: ${entry.error}` : 'section not run (--only)';
}

/** Target of a reference move on a quiet testnet book: tick → broadcast p99 within 2 blocks. */
const STATIC_BOOK_TARGET_BLOCKS = 2;

/** The row of the static-book run: a mainnet step → the testnet broadcast answering it. */
function staticBookRow(results: Results): ResultRow {
  const metric = 'mainnet step → testnet broadcast on a static testnet book (p50 / p99)';
  const seed = `p99 ≤ ${STATIC_BOOK_TARGET_BLOCKS} blocks (target)`;
  const t = results.tick;
  if (!t) return notMeasured('tickOnStaticBook', metric, seed, sectionError(results, 'tick'));
  const met = t.pipelineP99Blocks <= STATIC_BOOK_TARGET_BLOCKS;
  return {
    id: 'tickOnStaticBook', metric,
    value: `${fmtMs(t.pipelineP50Ms)} / ${fmtMs(t.pipelineP99Ms)} (${t.pipelineP50Blocks} / ${t.pipelineP99Blocks} blocks)`,
    number: t.pipelineP99Ms, seed, ratio: met ? 'target met' : 'target missed',
    note: `${t.steps} steps of 0.1–0.25 %, ${t.moves} moves (${t.unanswered} unanswered) over ${t.windowSeconds} s, no synthetic takers; tick → intent p50 ${fmtMs(t.tickToIntentP50Ms)}, p99 ${fmtMs(t.tickToIntentP99Ms)}; intent → broadcast p50 ${fmtMs(t.intentToBroadcastP50Ms)}; ${t.tickIntents} of ${t.intents} intents planned on a tick, ${t.snapshots} book snapshots taken up; blocks ${t.blockMs} ms (observed ${t.observedBlockMs} ms)`,
  };
}

/** The comparison table: one row per figure of the issue, the seed's number beside it. */
export function buildTable(results: Results): ResultRow[] {
  const rows: ResultRow[] = [];
  const p = results.pipeline;
  if (p) {
    const lat = p.latency;
    const where = `${lat.moves} mainnet moves on 2 markets over ${lat.windowSeconds} s (${lat.unanswered} unanswered), blocks ${p.blockMs} ms (observed ${p.observedBlockMs} ms)`;
    rows.push({
      id: 'tickToBroadcast', metric: 'mainnet tick → testnet broadcast, pipeline only (p50 / p99)',
      value: `${fmtMs(lat.pipelineP50Ms)} / ${fmtMs(lat.pipelineP99Ms)}`, number: lat.pipelineP50Ms, seed: SEED.cycleMs.text,
      ratio: `${ratioText(lat.pipelineP50Ms, SEED.cycleMs)} / ${ratioText(lat.pipelineP99Ms, SEED.cycleMs)}`,
      note: `feed read → strategy (replans on the tick from the stored book, or waits for the report of the bot's last intent; p50 ${fmtMs(lat.tickToIntentP50Ms)}) → executor broadcast (p50 ${fmtMs(lat.intentToBroadcastP50Ms)}); ${where}`,
    });
    rows.push({
      id: 'tickToBlock', metric: 'mainnet tick → tx in a testnet block, including the sim\'s block (p50 / p99)',
      value: `${fmtMs(lat.withBlockP50Ms)} / ${fmtMs(lat.withBlockP99Ms)}`, number: lat.withBlockP50Ms, seed: SEED.cycleMs.text,
      ratio: `${ratioText(lat.withBlockP50Ms, SEED.cycleMs)} / ${ratioText(lat.withBlockP99Ms, SEED.cycleMs)}`,
      note: `broadcast → block seen p50 ${fmtMs(lat.broadcastToBlockP50Ms)} (height polled every 20 ms); the seed's figure is its cycle, before its own block wait`,
    });
    const g = p.gap;
    rows.push({
      id: 'convergence', metric: 'converge from a 30 % gap (testnet mid within 2 % of mainnet)',
      value: g.within2Blocks === null ? 'not within 60 blocks' : `${blocksText(g.within2Blocks)} (${g.within2Seconds} s)`,
      number: g.within2Seconds, seed: SEED.convergenceS.text, ratio: g.within2Seconds === null ? '—' : ratioText(g.within2Seconds, SEED.convergenceS),
      note: `initial gap ${g.initialPct} %: a legacy book of 2 × 20 orders 30 % above mainnet (test/e2e/gap-shock), bot baseSize 25; within 0.5 % after ${g.within05Blocks ?? 'never'} blocks (${g.within05Seconds ?? '—'} s); one run`,
    });
    const b = p.build;
    const bS = median(b.seconds);
    rows.push({
      id: 'build', metric: 'build a 54-order book from empty', value: `${blocksText(median(b.blocks))} (${bS} s)`, number: bS,
      seed: SEED.buildS.text, ratio: ratioText(bS, SEED.buildS),
      note: `median of ${b.blocks.length} run(s) (blocks ${b.blocks.join(', ')}; seconds ${b.seconds.join(', ')}) from the gateway's start to ≥ 54 orders on both sides on chain`,
    });
  } else {
    for (const [id, metric, seed] of [
      ['tickToBroadcast', 'mainnet tick → testnet broadcast', SEED.cycleMs.text],
      ['convergence', 'converge from a 30 % gap', SEED.convergenceS.text],
      ['build', 'build a 54-order book', SEED.buildS.text],
    ] as const) rows.push(notMeasured(id, metric, seed, sectionError(results, 'pipeline')));
  }

  rows.push(staticBookRow(results));

  const st = results.strategy;
  if (st) {
    const one = st.find((r) => r.workers === 1);
    const two = st.find((r) => r.workers === 2);
    const e1 = Number(one?.['evaluations/s'] ?? Number.NaN);
    const e2 = Number(two?.['evaluations/s'] ?? Number.NaN);
    const planning = results.planning ? `; planCycle alone ${results.planning['evaluations/s']}/s on one core (median ${results.planning['median µs']} µs)` : '';
    rows.push({
      id: 'strategyPerWorker', metric: 'strategy evaluations/s, one worker', value: `${e1}/s`, number: e1,
      seed: '— (1 per 15 s cycle per bot; capacity never measured)', ratio: '—',
      note: `burst of ${one?.snapshots} BOOK_BUILDING snapshots (54-order plans), 5 markets, concurrency 4, real NATS + Redis; per snapshot: read ${one?.['read µs']} µs, plan ${one?.['plan µs']} µs${planning}`,
    });
    rows.push({
      id: 'strategyTwoWorkers', metric: 'strategy evaluations/s, two workers (queue group)', value: `${e2}/s (×${(e2 / e1).toFixed(2)})`, number: e2,
      seed: '—', ratio: '—',
      note: `same burst split by NATS between 2 worker processes; on 2 shared cores the workers, NATS, Redis and the publisher compete (skips: ${two?.skips})`,
    });
  } else rows.push(notMeasured('strategyPerWorker', 'strategy evaluations/s', '—', sectionError(results, 'strategy')));

  const ex = results.executor;
  if (ex) {
    const a = ex.steadyBlockOnDemand;
    const b = ex.steadyBlock700;
    rows.push({
      id: 'executorTxsPerS', metric: 'executor txs/s per wallet', value: `${a.txsPerS} (blocks on demand) / ${b.txsPerS} (700 ms blocks)`, number: a.txsPerS,
      seed: '— (1 tx per 15 s cycle per bot)', ratio: '—',
      note: `one tx in flight per wallet: executor-bound with blocks on demand (${a.txsPerBlock} txs per block, ${a.intentsPerTx} intents/tx, intent → broadcast p50 ${a.toBroadcastP50Ms} ms), block-bound at 700 ms (${b.txsPerBlock} txs per block, p50 ${b.toBroadcastP50Ms} ms); ${a.seconds} s and ${b.seconds} s runs, 3 markets planned every 100 ms`,
    });
    const runs = [a, b, ...(ex.failover ? [ex.failover] : [])];
    const txs = runs.reduce((n, r) => n + r.txsBroadcast, 0);
    const errors = runs.reduce((n, r) => n + r.sequenceMismatches, 0);
    const per10k = txs === 0 ? Number.NaN : (errors / txs) * 10_000;
    const fo = ex.failover;
    rows.push({
      id: 'sequenceErrors', metric: 'sequence errors per 10 000 txs, 2 replicas per wallet', value: `${round(per10k, 1)} (${errors} in ${txs} txs)`, number: per10k,
      seed: SEED.sequenceErrorsPer10k.text, ratio: errors === 0 ? `0 vs < 100 (none in ${txs})` : ratioText(per10k, SEED.sequenceErrorsPer10k),
      note: `scaled down: ${txs} txs measured, not 10 000 (≈ ${Math.round(10_000 / Math.max(0.1, a.txsPerS) / 60)} min at the measured rate); active + standby executor per wallet${fo ? `, including one run where the active is SIGKILLed 10 s in (standby's first tx ${fo.takeoverMs} ms later, ${fo.sequenceMismatches} mismatches)` : ''}; counted by mirrorbook_executor_sequence_mismatches_total`,
    });
  } else rows.push(notMeasured('executorTxsPerS', 'executor txs/s per wallet', '—', sectionError(results, 'executor')));

  const load = results.load;
  const successSources: string[] = [];
  let created = 0;
  let createsFailed = 0;
  let cancelsFailed = 0;
  let applied = 0;
  let failedTxs = 0;
  if (load) {
    created += load.window.ordersCreated;
    createsFailed += load.window.createsFailed;
    cancelsFailed += load.window.cancelsFailed;
    applied += load.window.txsApplied;
    failedTxs += load.window.txsFailed;
    successSources.push(`load run (${load.bots} bots)`);
  }
  if (p) {
    created += p.txs.ordersCreated;
    createsFailed += p.txs.createsFailed;
    cancelsFailed += p.txs.cancelsFailed;
    applied += p.txs.applied;
    failedTxs += p.txs.failed;
    successSources.push('pipeline run');
  }
  if (successSources.length) {
    const orderPct = (created / Math.max(1, created + createsFailed)) * 100;
    const txPct = (applied / Math.max(1, applied + failedTxs)) * 100;
    rows.push({
      id: 'success', metric: 'order success (orders placed ÷ creates broadcast)', value: `${round(orderPct, 2)} % (txs ${round(txPct, 2)} %)`, number: orderPct,
      seed: SEED.successPct.text, ratio: ratioText(orderPct, SEED.successPct),
      note: `${created} orders placed, ${createsFailed} creates refused by the chain, ${applied} txs applied, ${failedTxs} failed; ${successSources.join(' + ')}. Not counted: ${cancelsFailed} cancels refused because the order was no longer on chain (with no takers, most likely orders an earlier tx of the same wallet had already cancelled: consecutive plans built before the previous tx landed; see failReasons in the JSON)`,
    });
  }
  if (load) {
    const exec = load.services.find((s) => s.service === 'executor');
    rows.push({
      id: 'rssPerBot', metric: `RAM per bot under load (${load.wallets} wallets × ${load.markets} markets)`,
      value: `${load.rssPerBotMiB} MiB (all services ÷ bots); one executor ${exec?.perProcessRssMiB} MiB`, number: load.rssPerBotMiB,
      seed: SEED.rssPerBotMB.text, ratio: `${ratioText(load.rssPerBotMiB, SEED.rssPerBotMB)} (per executor ${ratioText(exec?.perProcessRssMiB ?? Number.NaN, SEED.rssPerBotMB)})`,
      note: `every service but the sim: ${load.totalRssMiB} MiB for ${load.bots} bots each quoting ${load.markets} markets (${load.ordersOnBook} orders on the books); a mirrorbook bot quotes ${load.markets} markets where a seed bot quoted one. Before any work an idle Node process takes ${load.baseline.node} MiB, ${load.baseline.swcRegister} MiB with @swc-node/register (how every app runs) and ${load.baseline.withInjective} MiB once libs/injective (the SDK) is loaded: most of an executor is runtime`,
    });
    rows.push({
      id: 'loadCpu', metric: `CPU of all services under load (${load.wallets} wallets × ${load.markets} markets)`,
      value: `${load.totalCpuPct} % of one core (idle ${round(load.services.filter((s) => s.service !== 'injective-sim').reduce((n, s) => n + s.idleCpuPct, 0), 0)} %)`,
      number: load.totalCpuPct, seed: '—', ratio: '—',
      note: `${load.window.txsApplied} txs in ${load.window.seconds} s (${load.window.txsPerSPerWallet} txs/s per wallet); per service below`,
    });
  } else rows.push(notMeasured('rssPerBot', 'RAM per bot under load', SEED.rssPerBotMB.text, sectionError(results, 'load')));
  return rows;
}

function serviceHeader(load: LoadResult): string[] {
  return ['service', 'processes', 'idle CPU %', 'idle RSS MiB', `CPU % (${load.wallets}×${load.markets})`, `RSS MiB (${load.wallets}×${load.markets})`];
}

function serviceRows(load: LoadResult): string[][] {
  return load.services.map((s) => [
    s.service,
    String(s.processes),
    s.idleCpuPct.toFixed(1),
    String(s.idleRssMiB),
    s.loadCpuPct.toFixed(1),
    s.perProcessRssMiB === undefined ? String(s.loadRssMiB) : `${s.loadRssMiB} (${s.perProcessRssMiB} each, max ${s.perProcessRssMaxMiB})`,
  ]);
}

function machineLine(results: Results): string {
  const m = results.machine;
  return `machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}; at start: ${m.uptime}; at end: ${results.machineAtEnd.uptime}; ${results.mode} run, ${Math.floor(results.durationSeconds / 60)} min ${results.durationSeconds % 60} s`;
}

/** bench/RESULTS.md for these results (`jsonFile`: where they are saved). */
export function resultsMarkdown(results: Results, jsonFile: string): string {
  const m = results.machine;
  const lines = [
    '# Benchmarks',
    '',
    `\`npm run bench\` (${results.mode} run of ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${Math.floor(results.durationSeconds / 60)} min ${results.durationSeconds % 60} s; raw results in \`bench/results/${jsonFile.split('/').pop()}\`).`,
    `Everything runs on the simulator as separate processes (real \`nats-server -js\` and \`redis-server\`); blocks every 700 ms as on Injective.`,
    '"better by" is the seed\'s figure ÷ ours where lower is better, ours ÷ the seed\'s where higher is better: above ×1 mirrorbook is better, below ×1 it is worse.',
    '',
    markdownTable(['metric', 'mirrorbook', 'seed', 'better by', 'how'], results.table.map((r) => [r.metric, r.value, r.seed, r.ratio, r.note])),
    '',
  ];
  if (results.load) {
    lines.push(`CPU (% of one core) and RSS of every process, idle (bots stopped) and with ${results.load.bots} bots running (${results.load.wallets} wallets × ${results.load.markets} markets, ${results.load.window.seconds} s window):`, '');
    lines.push(markdownTable(serviceHeader(results.load), serviceRows(results.load)), '');
  }
  if (results.scale) lines.push(...scaleMarkdown(results.scale));
  if (results.cadence) lines.push(cadenceMarkdown(results, jsonFile), '');
  lines.push(
    '**Machine**',
    '',
    `- ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB RAM, Node ${m.node}, ${m.platform}`,
    `- \`uptime\` at start: \`${m.uptime}\``,
    `- \`uptime\` at end: \`${results.machineAtEnd.uptime}\``,
    `- shared with other work: the 1-minute load average around each section was ${results.sections.map((s) => `${s.section} ${s.loadBefore} → ${s.loadAfter} (${s.seconds} s)`).join(', ')}`,
    '',
    '**Scaled down or not measured**',
    '',
    ...notes(results).map((n) => `- ${n}`),
    '',
  );
  return lines.join('\n');
}

function notes(results: Results): string[] {
  const out: string[] = [];
  const load = results.load;
  if (load) {
    out.push(`The load run used ${load.wallets} wallets × ${load.markets} markets (${load.bots} bots, one per wallet, each quoting every market), not 20 × 10: the stack's configuration knows ${load.markets === 6 ? 'six' : load.markets} real Injective market pairs (five in config/markets.json, eth-usdt-perp in the harness), and the sim only lists markets from the fixture of real markets.`);
  }
  const ex = results.executor;
  if (ex) {
    const txs = ex.steadyBlockOnDemand.txsBroadcast + ex.steadyBlock700.txsBroadcast + (ex.failover?.txsBroadcast ?? 0);
    out.push(`Sequence errors were counted over ${txs} txs, not 10 000: one wallet sends at most one tx per block, so 10 000 txs take ≈ ${Math.round(10_000 / Math.max(0.1, ex.steadyBlockOnDemand.txsPerS) / 60)} min even with blocks on demand; the figure is scaled to 10 000.`);
  }
  out.push('The seed has no measured figure for strategy or executor throughput (it sleeps 15 s between cycles), so those rows have no ratio.');
  out.push('Testnet itself was not used: blocks, signatures, sequences and matching come from apps/injective-sim; a real node adds network latency to every broadcast and LCD read.');
  for (const s of results.sections) if (s.error) out.push(`Section ${s.section} failed: ${s.error}`);
  return out;
}

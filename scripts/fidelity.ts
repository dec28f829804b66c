/**
 * Market-fidelity report: replays a recorded candle file as the sim's mainnet price, runs the
 * whole stack on it (sim, feed, strategy, executor, gateway; real NATS and Redis), snapshots the
 * testnet book every N blocks and reports how closely it mirrors mainnet: tracking error (RMS and
 * max of |testnet mid − mainnet mid|, bps), time-weighted spread, depth within 1/2/5 % of the
 * mainnet mid per side, and two-sided uptime as Injective's Open Liquidity Program counts it.
 *
 *   npm run fidelity -- --prices docs/fidelity/inj-usdt-synthetic.csv --out docs/fidelity
 *   npm run fidelity -- --prices docs/fidelity/inj-usdt-synthetic.csv --demo --blocks-per-candle 86 --candles 20
 *
 * Beside the book figures it reports what the run cost each wallet: txs included, INJ paid in
 * fees (read from the chain: the fee each tx was charged) and INJ a day over the chain time the
 * measured blocks cover.
 *
 * Options (defaults in brackets):
 *   --prices FILE            candle file the sim reads (CSV time,open,high,low,close,volume with any
 *                            time format it accepts, or JSON rows); checked first: a bad one exits 2 (required)
 *   --market KEY             pair whose mainnet price the file records; alone, the one market run [inj-usdt]
 *   --demo                   every bot of config/bots.json on its markets (each replays the file
 *                            scaled to its own price level in config/sim.json)
 *   --rebase                 scale the file so its first open is --market's start price in config/sim.json
 *   --params JSON            strategy parameters layered on every bot's own, e.g.
 *                            '{"cadence":{"maintenanceIntervalS":10}}' (a bad value exits 2)
 *   --blocks-per-candle N    blocks one candle lasts (the time scale) [5]
 *   --every N                a snapshot every N blocks [2]
 *   --block-ms MS            sim block time [700]
 *   --warmup-blocks N        flat blocks at the first open while the stack starts [60]
 *   --candles N              replay only the first N candles [all]
 *   --min-depth X            uptime: notional (quote units) a side needs within MaxSpread [1000]
 *   --max-spread-bps X       uptime: largest distance from the mid [100]
 *   --base-size X            every bot's baseSize (same as --params '{"baseSize":"X"}')
 *   --takers L               synthetic testnet takers per block [0]
 *   --out DIR                where the report goes [docs/fidelity]
 *   --name NAME              file stem of the report [the candle file's name]
 *   --no-png                 skip the PNG (needs playwright-core and /usr/bin/chromium)
 *   --raw                    keep every snapshot's books in the JSON (megabytes)
 *   --render REPORT.json     no run: write the table, chart and PNG again from a saved report
 * Writes <out>/<name>.report.json (settings, per market a summary and one row of figures per
 * snapshot, per wallet txs and fees), <name>.report.md, and a chart per market:
 * <name>.chart.html/.png for one market, <name>.<market>.chart.html/.png for several.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { StrategyParamsOverride } from '@mirrorbook/contracts';
import { markdownTable, textTable } from '../bench/lib/results.table';
import { CandleParseError } from '../apps/injective-sim/src/price/candle-parse.error';
import { loadCandleSource } from './fidelity/candle.source';
import { renderChartHtml } from './fidelity/fidelity.chart';
import { describeRun, FEE_HEADER, feeNote, feeRows, METRIC_HEADER, metricRows } from './fidelity/fidelity.report';
import { rowOf, runFidelity, type FidelityOptions, type FidelityResult, type MarketFidelity, type PreviousFigures, type RunSnapshot } from './fidelity/fidelity.runner';
import { TARGET_HEADER, targetChecks, targetRows, targetVerdict, type TargetCheck } from './fidelity/fidelity.targets';
import { checkParams, ParamsOverrideError, parseParamsOverride, rebaseFactor, repoConfig, repoDemoSetup, singleMarketSetup, type FidelitySetup } from './fidelity/fidelity.setup';

const CHROMIUM = '/usr/bin/chromium';

interface Cli {
  options: FidelityOptions;
  out: string;
  name: string;
  png: boolean;
  /** a saved report to render again instead of running */
  render?: string;
}

const FLAGS = ['--render', '--prices', '--market', '--params', '--blocks-per-candle', '--every', '--block-ms', '--warmup-blocks', '--candles', '--min-depth', '--max-spread-bps', '--base-size', '--takers', '--out', '--name'];
const SWITCHES = ['--no-png', '--raw', '--demo', '--rebase'];

function parse(argv: string[]): Cli {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    if (i >= 0 && argv[i + 1] === undefined) usage(`${flag} needs a value`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (flag: string, fallback: number) => {
    const v = value(flag);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) usage(`${flag}: "${v}" is not a non-negative number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (SWITCHES.includes(a)) continue;
    if (FLAGS.includes(a)) i++;
    else usage(`unknown argument "${a}"`);
  }
  const render = value('--render');
  if (render && !existsSync(render)) usage(`--render: ${render} does not exist`);
  const prices = value('--prices') ?? (render ? '' : undefined);
  if (prices === undefined) usage('--prices is required');
  if (!render && !existsSync(prices!)) usage(`--prices: ${prices} does not exist`);
  const firstOpen = render ? undefined : checkCandles(prices!);
  const candles = value('--candles');
  const market = value('--market') ?? 'inj-usdt';
  // --rebase: the file's first open becomes the market's start price (config/sim.json)
  const fileLevel = argv.includes('--rebase') ? firstOpen : undefined;
  const setup = argv.includes('--demo') ? repoDemoSetup(market, fileLevel) : singleMarketSetup(market, fileLevel === undefined ? '1' : rebaseFactor(market, fileLevel));
  const options: FidelityOptions = {
    prices: prices!,
    market,
    setup,
    params: render ? {} : paramsOf(value('--params'), value('--base-size'), setup),
    blocksPerCandle: Math.max(1, Math.round(num('--blocks-per-candle', 5))),
    every: Math.max(1, Math.round(num('--every', 2))),
    blockMs: num('--block-ms', 700),
    warmupBlocks: Math.round(num('--warmup-blocks', 60)),
    candles: candles === undefined ? undefined : Math.max(1, Math.round(num('--candles', 0))),
    minDepth: num('--min-depth', 1000),
    maxSpreadBps: num('--max-spread-bps', 100),
    takersPerBlock: num('--takers', 0),
    raw: argv.includes('--raw'),
    log: (line) => process.stderr.write(`${line}\n`),
  };
  const name = value('--name') ?? (render ? basename(render).replace(/\.report\.json$/i, '') : basename(prices!).replace(/\.csv$/i, '') + (setup.kind === 'demo' ? '-demo' : ''));
  return { options, out: value('--out') ?? (render ? dirname(render) : 'docs/fidelity'), name, png: !argv.includes('--no-png'), render };
}

/** Refuses a candle file the sim could not replay, before anything starts: exit 2 with the parser's one line. Returns the first open. */
function checkCandles(file: string): string {
  try {
    return loadCandleSource(file).candles[0]!.open.toFixed();
  } catch (error) {
    if (error instanceof CandleParseError) usage(error.message, false);
    throw error;
  }
}

/** `--params` and `--base-size` as one override, checked against every bot's markets (exit 2 naming the field). */
function paramsOf(text: string | undefined, baseSize: string | undefined, setup: FidelitySetup): StrategyParamsOverride {
  const { layers } = repoConfig();
  try {
    const override = text === undefined ? {} : parseParamsOverride(text, setup.bots, layers);
    if (baseSize === undefined) return override;
    const withSize = { ...override, baseSize };
    checkParams(withSize, setup.bots, layers);
    return withSize;
  } catch (error) {
    if (error instanceof ParamsOverrideError) usage(`${text === undefined ? '--base-size' : '--params'}: ${error.message}`, false);
    throw error;
  }
}

const USAGE = `usage: npm run fidelity -- --prices FILE [options]
       npm run fidelity -- --render REPORT.json [--out DIR] [--name NAME] [--no-png]
  --prices FILE            candle file (CSV time,open,high,low,close,volume or JSON rows; times as
                           epoch s/ms, ISO 8601 or YYYY-MM-DD HH:MM:SS[.ffffff]); a bad one exits 2
  --market KEY             pair whose mainnet price the file records; alone, the one market run [inj-usdt]
  --demo                   every bot of config/bots.json on its markets, each market replaying the
                           file scaled to its own level (config/sim.json startPrice)
  --rebase                 scale the file so its first open is --market's start price in
                           config/sim.json (a series recorded on another instrument or level)
  --params JSON            strategy parameters on top of every bot's own, e.g.
                           '{"cadence":{"maintenanceIntervalS":10}}'
  --blocks-per-candle N    blocks one candle lasts (the time scale; 86 = real time for 60 s candles) [5]
  --every N                a snapshot every N blocks [2]
  --block-ms MS            sim block time [700]
  --warmup-blocks N        flat blocks at the first open while the stack starts [60]
  --candles N              replay only the first N candles [all]
  --min-depth X            uptime: notional (quote units) a side needs within MaxSpread [1000]
  --max-spread-bps X       uptime: largest distance from the mid [100]
  --base-size X            every bot's baseSize (as --params '{"baseSize":"X"}')
  --takers L               synthetic testnet takers per block [0]
  --out DIR                where the report goes [docs/fidelity]
  --name NAME              file stem of the report [the candle file's name, + "-demo" with --demo]
  --no-png                 skip the PNG (needs playwright-core and /usr/bin/chromium)
  --raw                    keep every snapshot's books in the JSON (megabytes)
  --render REPORT.json     no run: write the table, chart and PNG again from a saved report
`;

function usage(problem: string, withUsage = true): never {
  process.stderr.write(`fidelity: ${problem}\n${withUsage ? USAGE : ''}`);
  process.exit(2);
}

async function renderPng(htmlFile: string, pngFile: string): Promise<boolean> {
  if (!existsSync(CHROMIUM)) return false;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1090, height: 800 }, deviceScaleFactor: 1 });
    await page.goto(`file://${htmlFile}`);
    await page.screenshot({ path: pngFile, fullPage: true });
    return true;
  } finally {
    await browser.close();
  }
}

type Saved = FidelityResult & { command?: string; generatedAt?: string };

/** A report as written before runs had several markets: one summary and its rows at the top. */
interface OneMarketReport {
  options: Omit<FidelityOptions, 'log' | 'setup' | 'params'> & { baseSize?: string };
  summary: MarketFidelity['summary'];
  rows?: MarketFidelity['rows'];
  snapshots?: RunSnapshot[];
}

/** A saved report; older ones (one market, perhaps raw books only) are brought to today's shape. */
function loadReport(file: string): Saved {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || !('options' in parsed)) throw new Error(`${file}: not a fidelity report (needs options)`);
  if ('markets' in parsed && Array.isArray(parsed.markets)) return parsed as Saved;
  const old = parsed as OneMarketReport & Omit<Saved, 'markets' | 'options'>;
  if (!old.summary || (!Array.isArray(old.rows) && !Array.isArray(old.snapshots))) throw new Error(`${file}: not a fidelity report (needs a summary and rows)`);
  const { summary, rows, snapshots, options, ...rest } = old;
  const market: MarketFidelity = { market: options.market, wallets: ['w1'], scale: '1', summary, rows: rows ?? snapshots!.map((x) => rowOf(x, options)) };
  const params = options.baseSize ? { baseSize: options.baseSize } : {};
  return { ...rest, options: { ...options, setup: singleMarketSetup(options.market), params }, markets: [market] };
}

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const htmlTable = (header: string[], body: string[][]) => `<table><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${body.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</table>`;
const marketTitle = (m: MarketFidelity) => `${m.market} (${m.wallets.join(', ')}${m.scale === '1' ? '' : `; prices × ${Number(m.scale).toPrecision(4)}`})`;

/** The report this run replaces (the same output file), as the targets' "previous" column reads it; undefined without one. */
function previousFigures(file: string): PreviousFigures | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const saved = loadReport(file);
    return { generatedAt: saved.generatedAt ?? null, markets: saved.markets.map((m) => ({ market: m.market, candles: saved.candles, summary: m.summary })) };
  } catch (error) {
    process.stderr.write(`fidelity: previous report ${file} unreadable (${(error as Error).message.split('\n')[0]}): previous: n/a\n`);
    return undefined;
  }
}

/** A market's targets, each with the previous report's figure beside it. */
function checksOf(result: FidelityResult, m: MarketFidelity): TargetCheck[] {
  const before = result.previous?.markets.find((p) => p.market === m.market);
  return targetChecks({ candles: result.candles, summary: m.summary }, before && { candles: before.candles, summary: before.summary });
}

const previousNote = (result: FidelityResult) =>
  result.previous
    ? `previous: the report this run replaced${result.previous.generatedAt ? ` (${result.previous.generatedAt.slice(0, 16).replace('T', ' ')} UTC)` : ''}`
    : 'previous: n/a (no earlier report at this output path when the run was written)';

/** The terminal output: per market its targets and its table, then the wallets' fees. */
function terminalText(result: FidelityResult, about: string): string {
  const parts = result.markets.map((m) => {
    const checks = checksOf(result, m);
    return `\n${marketTitle(m)}\n${textTable(TARGET_HEADER, targetRows(checks), 72)}\n${targetVerdict(checks)}; ${previousNote(result)}\n\n${textTable(METRIC_HEADER, metricRows(m.summary, result.options), 56)}`;
  });
  if (result.fees) parts.push(`\nfees per wallet\n${textTable(FEE_HEADER, feeRows(result.fees, result.markets))}`);
  return `${parts.join('\n')}\n${feeNote(result)}\n${about}\n`;
}

function markdown(result: FidelityResult, name: string, command: string, generatedAt: string, charts: { market: string; stem: string }[], png: boolean): string {
  const lines = [`# Market fidelity: ${name}`, '', `\`${command}\` (${generatedAt.slice(0, 16).replace('T', ' ')} UTC).`, '', describeRun(result) + '.', ''];
  if (result.fees) lines.push('## Fees per wallet', '', markdownTable(FEE_HEADER, feeRows(result.fees, result.markets)), '', feeNote(result) + '.', '');
  for (const m of result.markets) {
    const chart = charts.find((c) => c.market === m.market)!;
    if (result.markets.length > 1) lines.push(`## ${marketTitle(m)}`, '');
    const checks = checksOf(result, m);
    lines.push(markdownTable(TARGET_HEADER, targetRows(checks)), '', `${targetVerdict(checks)}; ${previousNote(result)}.`, '');
    lines.push(markdownTable(METRIC_HEADER, metricRows(m.summary, result.options)), '', `Chart: [${chart.stem}.chart.html](${chart.stem}.chart.html)${png ? ` · ![chart](${chart.stem}.chart.png)` : ''}`, '');
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const cli = parse(process.argv.slice(2));
  const { options, out, name, png } = cli;
  const t0 = Date.now();
  const saved = cli.render ? loadReport(cli.render) : undefined;
  const ran = saved ? undefined : await runFidelity(options);
  // a run shows the figures of the report it replaces; a render those its report kept
  const result: FidelityResult = saved ?? { ...ran!, previous: previousFigures(join(out, `${name}.report.json`)) };
  const command = saved?.command ?? `npm run fidelity -- ${process.argv.slice(2).join(' ')}`;
  const generatedAt = saved?.generatedAt ?? new Date().toISOString();
  const about = describeRun(result);
  process.stdout.write(terminalText(result, about));

  mkdirSync(out, { recursive: true });
  const base = join(out, name);
  const keepRaw = saved ? false : options.raw;
  const markets = result.markets.map(({ snapshots, ...m }) => (keepRaw ? { ...m, snapshots } : m));
  const json = { generatedAt, command, ...result, markets, options: { ...result.options, prices: result.options.prices && relative(process.cwd(), resolve(result.options.prices)) } };
  // 8 significant digits: more is float noise
  writeFileSync(`${base}.report.json`, `${JSON.stringify(json, (_k, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(8)) : v))}\n`);
  const charts = result.markets.map((m) => ({ market: m.market, stem: result.markets.length > 1 ? `${name}.${m.market}` : name }));
  writeFileSync(`${base}.report.md`, markdown(result, name, command, generatedAt, charts, png));
  const written = [`${base}.report.json`, `${base}.report.md`];
  const feesHtml = result.fees ? `${htmlTable(FEE_HEADER, feeRows(result.fees, result.markets))}<p>${esc(feeNote(result))}.</p>` : '';
  for (const m of result.markets) {
    const stem = join(out, charts.find((c) => c.market === m.market)!.stem);
    const checks = checksOf(result, m);
    const targetsHtml = `${htmlTable(TARGET_HEADER, targetRows(checks))}<p>${esc(`${targetVerdict(checks)}; ${previousNote(result)}`)}.</p>`;
    const tableHtml = `${targetsHtml}${htmlTable(METRIC_HEADER, metricRows(m.summary, result.options))}${feesHtml}<p>${esc(about)}.</p>`;
    writeFileSync(`${stem}.chart.html`, renderChartHtml({ ...m, options: result.options }, `Market fidelity: ${name}, ${marketTitle(m)}`, tableHtml));
    written.push(`${stem}.chart.html`);
    if (!png) continue;
    try {
      if (await renderPng(resolve(`${stem}.chart.html`), `${stem}.chart.png`)) written.push(`${stem}.chart.png`);
      else process.stderr.write(`no PNG: ${CHROMIUM} not found (the HTML chart needs nothing)\n`);
    } catch (error) {
      process.stderr.write(`no PNG: ${(error as Error).message.split('\n')[0]}\n`);
    }
  }
  process.stderr.write(`wrote ${written.join(', ')} in ${Math.round((Date.now() - t0) / 1000)} s\n`);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

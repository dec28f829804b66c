/**
 * Market-fidelity report: replays a recorded candle file as the sim's mainnet price, runs the
 * whole stack on it (sim, feed, strategy, executor, gateway; real NATS and Redis), snapshots the
 * testnet book every N blocks and reports how closely it mirrors mainnet: tracking error (RMS and
 * max of |testnet mid − mainnet mid|, bps), time-weighted spread, depth within 1/2/5 % of the
 * mainnet mid per side, and two-sided uptime as Injective's Open Liquidity Program counts it.
 *
 *   npm run fidelity -- --prices docs/fidelity/inj-usdt-synthetic.csv --out docs/fidelity
 *
 * Options (defaults in brackets):
 *   --prices FILE            timestamp,open,high,low,close,volume CSV (required)
 *   --market KEY             pair whose mainnet side replays the file [inj-usdt]
 *   --blocks-per-candle N    blocks one candle lasts (the time scale) [5]
 *   --every N                a snapshot every N blocks [2]
 *   --block-ms MS            sim block time [700]
 *   --warmup-blocks N        flat blocks at the first open while the stack starts [60]
 *   --candles N              replay only the first N candles [all]
 *   --min-depth X            uptime: notional (quote units) a side needs within MaxSpread [1000]
 *   --max-spread-bps X       uptime: largest distance from the mid [100]
 *   --base-size X            the bot's baseSize (else config/strategy.json and the market's)
 *   --takers L               synthetic testnet takers per block [0]
 *   --out DIR                where the report goes [docs/fidelity]
 *   --name NAME              file stem of the report [the candle file's name]
 *   --no-png                 skip the PNG (needs playwright-core and /usr/bin/chromium)
 *   --raw                    keep every snapshot's books in the JSON (megabytes)
 *   --render REPORT.json     no run: write the table, chart and PNG again from a saved report
 * Writes <out>/<name>.report.json (settings, summary, one row of figures per snapshot),
 * <name>.report.md, <name>.chart.html and <name>.chart.png.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { markdownTable, textTable } from '../bench/lib/results.table';
import { renderChartHtml } from './fidelity/fidelity.chart';
import { rowOf, runFidelity, type FidelityOptions, type FidelityResult, type RunSnapshot } from './fidelity/fidelity.runner';

const CHROMIUM = '/usr/bin/chromium';

interface Cli {
  options: FidelityOptions;
  out: string;
  name: string;
  png: boolean;
  /** a saved report to render again instead of running */
  render?: string;
}

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
  const known = ['--render', '--prices', '--market', '--blocks-per-candle', '--every', '--block-ms', '--warmup-blocks', '--candles', '--min-depth', '--max-spread-bps', '--base-size', '--takers', '--out', '--name'];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--no-png' || a === '--raw') continue;
    if (known.includes(a)) i++;
    else usage(`unknown argument "${a}"`);
  }
  const render = value('--render');
  if (render && !existsSync(render)) usage(`--render: ${render} does not exist`);
  const prices = value('--prices') ?? (render ? '' : undefined);
  if (prices === undefined) usage('--prices is required');
  if (!render && !existsSync(prices!)) usage(`--prices: ${prices} does not exist`);
  const candles = value('--candles');
  const options: FidelityOptions = {
    prices: prices!,
    market: value('--market') ?? 'inj-usdt',
    blocksPerCandle: Math.max(1, Math.round(num('--blocks-per-candle', 5))),
    every: Math.max(1, Math.round(num('--every', 2))),
    blockMs: num('--block-ms', 700),
    warmupBlocks: Math.round(num('--warmup-blocks', 60)),
    candles: candles === undefined ? undefined : Math.max(1, Math.round(num('--candles', 0))),
    minDepth: num('--min-depth', 1000),
    maxSpreadBps: num('--max-spread-bps', 100),
    baseSize: value('--base-size'),
    takersPerBlock: num('--takers', 0),
    raw: argv.includes('--raw'),
    log: (line) => process.stderr.write(`${line}\n`),
  };
  const name = value('--name') ?? (render ? basename(render).replace(/\.report\.json$/i, '') : basename(prices!).replace(/\.csv$/i, ''));
  return { options, out: value('--out') ?? (render ? dirname(render) : 'docs/fidelity'), name, png: !argv.includes('--no-png'), render };
}

const USAGE = `usage: npm run fidelity -- --prices FILE [options]
       npm run fidelity -- --render REPORT.json [--out DIR] [--name NAME] [--no-png]
  --prices FILE            timestamp,open,high,low,close,volume CSV
  --market KEY             pair whose mainnet side replays the file [inj-usdt]
  --blocks-per-candle N    blocks one candle lasts (the time scale) [5]
  --every N                a snapshot every N blocks [2]
  --block-ms MS            sim block time [700]
  --warmup-blocks N        flat blocks at the first open while the stack starts [60]
  --candles N              replay only the first N candles [all]
  --min-depth X            uptime: notional (quote units) a side needs within MaxSpread [1000]
  --max-spread-bps X       uptime: largest distance from the mid [100]
  --base-size X            the bot's baseSize [config/strategy.json and the market's]
  --takers L               synthetic testnet takers per block [0]
  --out DIR                where the report goes [docs/fidelity]
  --name NAME              file stem of the report [the candle file's name]
  --no-png                 skip the PNG (needs playwright-core and /usr/bin/chromium)
  --raw                    keep every snapshot's books in the JSON (megabytes)
  --render REPORT.json     no run: write the table, chart and PNG again from a saved report
`;

function usage(problem: string): never {
  process.stderr.write(`fidelity: ${problem}\n${USAGE}`);
  process.exit(2);
}

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const money = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const pct = (share: number) => (Number.isFinite(share) ? `${(share * 100).toFixed(1)} %` : '—');

/** The report's rows: metric, testnet (mirrorbook), mainnet (the sim's synthetic book), note. */
function rows(r: FidelityResult): string[][] {
  const s = r.summary;
  const o = r.options;
  const out: string[][] = [
    ['tracking error, RMS', `${f(s.trackingError.rmsBps)} bps`, '—', `|testnet mid − mainnet mid| ÷ mainnet mid over ${s.trackingError.samples} snapshots${s.trackingError.missing ? ` (${s.trackingError.missing} without a testnet mid left out)` : ''}`],
    ['tracking error, max', `${f(s.trackingError.maxBps)} bps`, '—', ''],
    ['spread, time-weighted', `${f(s.spreadBps.testnet)} bps`, `${f(s.spreadBps.mainnet)} bps`, `(best ask − best bid) ÷ mid, each snapshot weighted by the time to the next${s.spreadBps.testnetOneSidedShare > 0 ? `; testnet one-sided ${pct(s.spreadBps.testnetOneSidedShare)} of the time` : ''}`],
  ];
  for (const d of s.depth) {
    out.push([`depth within ${d.pct} % (bid / ask)`, `${money(d.testnetBid)} / ${money(d.testnetAsk)}`, `${money(d.mainnetBid)} / ${money(d.mainnetAsk)}`, d.pct === 1 ? 'mean quote notional per side within the band around the mainnet mid' : '']);
  }
  out.push([
    `two-sided uptime (≥ ${o.minDepth} within ${o.maxSpreadBps} bps)`, `${pct(s.uptime.aggregate)}`, '—',
    `share of snapshots where the bot's own bids and asks each sum to at least MinDepth within MaxSpread of the testnet mid (${s.uptime.qualifying} of ${s.snapshots})`,
  ]);
  out.push([
    `bot's thinner side within ${o.maxSpreadBps} bps (median / p10)`, `${money(s.twoSidedDepth.median)} / ${money(s.twoSidedDepth.p10)}`, '—',
    'min(own bid notional, own ask notional) within MaxSpread of the testnet mid: the largest MinDepth the bot meets in half (90 %) of the snapshots',
  ]);
  out.push([
    'two-sided uptime, OLP per-order rule', `${pct(s.uptime.perOrder)}`, '—',
    `OLP's literal rule: one order on each side is itself ≥ MinDepth (${s.uptime.qualifyingPerOrder} of ${s.snapshots})`,
  ]);
  return out;
}

function describe(r: FidelityResult): string {
  const s = r.summary;
  const o = r.options;
  return `${r.candles} candles of ${r.candleIntervalS} s from ${o.prices}, ${o.blocksPerCandle} blocks per candle at ${o.blockMs} ms (≈ ${f(s.timeScale, 0)}× faster than recorded); market ${o.market}; ${s.snapshots} snapshots every ${o.every} blocks over ${s.blocks} blocks (${s.seconds} s); bot baseSize ${o.baseSize ?? 'from config'}; takers ${o.takersPerBlock}/block${s.lateBlocks ? `; the first ${s.lateBlocks} blocks of the recording were not measured (the stack started late)` : ''}`;
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

/** A saved report (older ones kept raw books only: their rows are derived again). */
function loadReport(file: string): FidelityResult & { command?: string; generatedAt?: string } {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const report = parsed as Partial<FidelityResult> & { command?: string; generatedAt?: string };
  if (typeof parsed !== 'object' || parsed === null || !report.summary || !report.options || (!Array.isArray(report.rows) && !Array.isArray(report.snapshots))) {
    throw new Error(`${file}: not a fidelity report (needs options, summary and rows)`);
  }
  const rows = report.rows ?? (report.snapshots as RunSnapshot[]).map((x) => rowOf(x, report.options!));
  return { ...(report as FidelityResult), rows };
}

async function main(): Promise<void> {
  const cli = parse(process.argv.slice(2));
  const { options, out, name, png } = cli;
  const t0 = Date.now();
  const saved = cli.render ? loadReport(cli.render) : undefined;
  const result = saved ?? (await runFidelity(options));
  const command = saved?.command ?? `npm run fidelity -- ${process.argv.slice(2).join(' ')}`;
  const generatedAt = saved?.generatedAt ?? new Date().toISOString();
  const header = ['metric', 'testnet (mirrorbook)', 'mainnet (sim)', 'how'];
  const body = rows(result);
  const about = describe(result);
  process.stdout.write(`\n${textTable(header, body, 56)}\n${about}\n`);

  mkdirSync(out, { recursive: true });
  const base = join(out, name);
  const { snapshots, ...compact } = result;
  const keepRaw = saved ? false : options.raw;
  const json = { generatedAt, command, ...compact, options: { ...result.options, prices: result.options.prices && relative(process.cwd(), resolve(result.options.prices)) }, ...(keepRaw ? { snapshots } : {}) };
  // 8 significant digits: more is float noise
  writeFileSync(`${base}.report.json`, `${JSON.stringify(json, (_k, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(8)) : v))}\n`);
  const md = [
    `# Market fidelity: ${name}`,
    '',
    `\`${command}\` (${generatedAt.slice(0, 16).replace('T', ' ')} UTC).`,
    '',
    about + '.',
    '',
    markdownTable(header, body),
    '',
    `Chart: [${name}.chart.html](${name}.chart.html)${png ? ` · ![chart](${name}.chart.png)` : ''}`,
    '',
  ].join('\n');
  writeFileSync(`${base}.report.md`, md);
  const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const tableHtml = `<table><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr>${body.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</table><p>${esc(about)}.</p>`;
  writeFileSync(`${base}.chart.html`, renderChartHtml(result, `Market fidelity: ${name}`, tableHtml));
  const written = [`${base}.report.json`, `${base}.report.md`, `${base}.chart.html`];
  if (png) {
    try {
      if (await renderPng(resolve(`${base}.chart.html`), `${base}.chart.png`)) written.push(`${base}.chart.png`);
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

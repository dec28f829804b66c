/**
 * Writes a seeded, synthetic candle file for `npm run fidelity`: a geometric random walk per
 * candle with occasional jumps and one trending stretch, prices on a 0.001 tick (INJ/USDT's).
 * Same options, same file.
 *
 *   node -r @swc-node/register scripts/fidelity/generate-candles.ts --out docs/fidelity/inj-usdt-synthetic.csv
 *
 * Options: --out FILE (required), --seed TEXT (mirrorbook), --count N (80), --start PRICE (25),
 * --interval SECONDS (60), --vol FRACTION per candle (0.003), --jump-prob P (0.04),
 * --jump-sigma FRACTION (0.015), --decimals N (3).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface CandleOptions {
  seed: string;
  count: number;
  start: number;
  intervalS: number;
  vol: number;
  jumpProb: number;
  jumpSigma: number;
  decimals: number;
}

/** mulberry32 over an FNV-1a hash of the seed: small, fast, and the same everywhere. */
function rng(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  let a = h;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The CSV text (header + one row per candle). */
export function generateCandles(o: CandleOptions): string {
  const uniform = rng(o.seed);
  const normal = () => {
    const u = Math.max(uniform(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
  const f = 10 ** o.decimals;
  const up = (x: number) => Math.ceil(x * f) / f;
  const down = (x: number) => Math.floor(x * f) / f;
  const near = (x: number) => Math.round(x * f) / f;
  const rows = ['timestamp,open,high,low,close,volume'];
  // a trending stretch in the second third: drift of one sigma per candle
  const trendFrom = Math.floor(o.count / 3);
  const trendTo = Math.floor(o.count / 2);
  let price = o.start;
  const t0 = 1_767_225_600; // 2026-01-01T00:00:00Z: fixed, so the file only depends on the options
  for (let i = 0; i < o.count; i++) {
    const open = near(price);
    let r = o.vol * normal() - (o.vol * o.vol) / 2;
    if (i >= trendFrom && i < trendTo) r += o.vol;
    if (uniform() < o.jumpProb) r += o.jumpSigma * normal();
    const close = Math.max(1 / f, near(open * Math.exp(r)));
    const high = up(Math.max(open, close) * (1 + Math.abs(normal()) * o.vol * 0.5));
    const low = Math.max(1 / f, down(Math.min(open, close) * (1 - Math.abs(normal()) * o.vol * 0.5)));
    const volume = (1000 * (1 + Math.abs(r) / o.vol) * (0.5 + uniform())).toFixed(2);
    rows.push(`${t0 + i * o.intervalS},${open.toFixed(o.decimals)},${high.toFixed(o.decimals)},${low.toFixed(o.decimals)},${close.toFixed(o.decimals)},${volume}`);
    price = close;
  }
  return `${rows.join('\n')}\n`;
}

function main(argv: string[]): void {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const out = value('--out');
  if (!out) {
    process.stderr.write('usage: generate-candles.ts --out FILE [--seed TEXT] [--count N] [--start PRICE] [--interval S] [--vol F] [--jump-prob P] [--jump-sigma F] [--decimals N]\n');
    process.exit(2);
  }
  const options: CandleOptions = {
    seed: value('--seed') ?? 'mirrorbook',
    count: Number(value('--count') ?? 80),
    start: Number(value('--start') ?? 25),
    intervalS: Number(value('--interval') ?? 60),
    vol: Number(value('--vol') ?? 0.003),
    jumpProb: Number(value('--jump-prob') ?? 0.04),
    jumpSigma: Number(value('--jump-sigma') ?? 0.015),
    decimals: Number(value('--decimals') ?? 3),
  };
  for (const [k, v] of Object.entries(options)) if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`--${k}: not a number`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, generateCandles(options));
  process.stderr.write(`${options.count} candles (seed "${options.seed}") → ${out}\n`);
}

if (require.main === module) main(process.argv.slice(2));

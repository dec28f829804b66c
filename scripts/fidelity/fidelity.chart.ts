import type { FidelityOptions, MarketFidelity } from './fidelity.runner';

/** What one market's chart draws: its rows and summary, and the run's uptime rule and time scale. */
export interface ChartInput extends Pick<MarketFidelity, 'rows' | 'summary'> {
  options: Pick<FidelityOptions, 'minDepth' | 'maxSpreadBps' | 'blocksPerCandle'>;
}

/** One self-contained HTML page (inline SVG, no script, nothing fetched): mids, gap, spread, uptime. */
export function renderChartHtml(result: ChartInput, title: string, tableHtml: string): string {
  const snaps = result.rows;
  const t0 = snaps[0]?.t ?? 0;
  const xs = snaps.map((s) => (s.t - t0) / 1000);
  const mainnetMid = snaps.map((s) => s.mainnetMid);
  const gap = snaps.map((s) => s.gapBps);
  const spread = snaps.map((s) => s.spreadBps);
  const mainnetSpread = snaps.map((s) => s.mainnetSpreadBps);
  const { minDepth, maxSpreadBps } = result.options;
  const up = snaps.map((s) => s.up);

  const W = 1000;
  const left = 70;
  const right = 20;
  const xMax = Math.max(1, xs[xs.length - 1] ?? 1);
  const x = (v: number) => left + (v / xMax) * (W - left - right);
  const panels: string[] = [];
  let top = 10;
  const panel = (height: number, label: string, series: { values: (number | null)[]; color: string; dash?: string; name: string }[], band?: { lo: (number | null)[]; hi: (number | null)[]; color: string }, zero = false) => {
    const all = [...series.flatMap((s) => s.values), ...(band ? [...band.lo, ...band.hi] : []), ...(zero ? [0] : [])].filter((v): v is number => v !== null && Number.isFinite(v));
    let lo = Math.min(...all);
    let hi = Math.max(...all);
    if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
    if (hi - lo < 1e-9) [lo, hi] = [lo - 1, hi + 1];
    const pad = (hi - lo) * 0.06;
    lo -= pad;
    hi += pad;
    const y = (v: number) => top + height - ((v - lo) / (hi - lo)) * height;
    const parts: string[] = [`<rect x="${left}" y="${top}" width="${W - left - right}" height="${height}" fill="#fafafa" stroke="#ddd"/>`];
    for (const tick of niceTicks(lo, hi, 5)) {
      parts.push(`<line x1="${left}" x2="${W - right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#e5e5e5"/>`);
      parts.push(`<text x="${left - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#555">${fmtTick(tick)}</text>`);
    }
    if (zero && lo < 0 && hi > 0) parts.push(`<line x1="${left}" x2="${W - right}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" stroke="#999" stroke-dasharray="3 3"/>`);
    if (band) parts.push(`<path d="${bandPath(xs.map(x), band.lo, band.hi, y)}" fill="${band.color}" stroke="none"/>`);
    for (const s of series) parts.push(`<path d="${linePath(xs.map(x), s.values, y)}" fill="none" stroke="${s.color}" stroke-width="1.6"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    parts.push(`<text x="${left + 6}" y="${top + 14}" font-size="12" font-weight="600" fill="#222">${escapeXml(label)}</text>`);
    let lx = W - right - 6;
    for (const s of [...series].reverse()) {
      const text = escapeXml(s.name);
      const width = text.length * 6.2 + 22;
      lx -= width;
      parts.push(`<line x1="${lx}" x2="${lx + 16}" y1="${top + 10}" y2="${top + 10}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/><text x="${lx + 20}" y="${top + 14}" font-size="11" fill="#333">${text}</text>`);
    }
    panels.push(parts.join('\n'));
    top += height + 18;
  };
  panel(260, 'mid price (quote per base)', [
    { values: mainnetMid, color: '#2563eb', name: 'mainnet mid' },
    { values: snaps.map((s) => s.testnetMid), color: '#ea580c', name: 'testnet mid' },
  ], { lo: snaps.map((s) => s.testnetBid), hi: snaps.map((s) => s.testnetAsk), color: 'rgba(234,88,12,0.15)' });
  panel(120, 'testnet mid − mainnet mid (bps)', [{ values: gap, color: '#7c3aed', name: 'gap' }], undefined, true);
  panel(120, 'spread (bps of mid)', [
    { values: mainnetSpread, color: '#2563eb', dash: '4 3', name: 'mainnet' },
    { values: spread, color: '#ea580c', name: 'testnet' },
  ]);
  // uptime strip
  const stripTop = top;
  const strip: string[] = [`<text x="${left - 6}" y="${stripTop + 13}" text-anchor="end" font-size="11" fill="#555">uptime</text>`];
  snaps.forEach((_, i) => {
    const x0 = x(xs[i]!);
    const x1 = i + 1 < xs.length ? x(xs[i + 1]!) : W - right;
    strip.push(`<rect x="${x0.toFixed(1)}" y="${stripTop}" width="${Math.max(0.5, x1 - x0).toFixed(1)}" height="18" fill="${up[i] ? '#16a34a' : '#dc2626'}"/>`);
  });
  top += 18 + 8;
  // x axis
  const axis: string[] = [];
  for (const tick of niceTicks(0, xMax, 8)) {
    axis.push(`<line x1="${x(tick).toFixed(1)}" x2="${x(tick).toFixed(1)}" y1="${top}" y2="${top + 5}" stroke="#555"/><text x="${x(tick).toFixed(1)}" y="${top + 18}" text-anchor="middle" font-size="11" fill="#555">${fmtTick(tick)}</text>`);
  }
  axis.push(`<text x="${(left + W - right) / 2}" y="${top + 34}" text-anchor="middle" font-size="12" fill="#333">seconds since the first snapshot (${result.summary.blocks} blocks; one candle = ${result.options.blocksPerCandle} blocks)</text>`);
  top += 42;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${top}" viewBox="0 0 ${W} ${top}" font-family="system-ui, sans-serif">\n${panels.join('\n')}\n${strip.join('\n')}\n${axis.join('\n')}\n</svg>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1040px}table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right;font-size:13px}td:first-child,th:first-child,td:last-child,th:last-child{text-align:left}p{font-size:13px;color:#444}</style>
</head><body>
<h2>${escapeXml(title)}</h2>
${svg}
<p>Uptime strip: green where the bot's own bids and asks each hold at least ${minDepth} (quote units) within ${maxSpreadBps} bps of the testnet mid; red otherwise. The shaded band is the testnet best bid–ask.</p>
${tableHtml}
</body></html>
`;
}

/** SVG path of a series; a null value breaks the line. */
function linePath(xs: number[], values: (number | null)[], y: (v: number) => number): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${xs[i]!.toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d || 'M0,0';
}

/** Closed SVG paths between `lo` and `hi`, one per run of points with both values. */
function bandPath(xs: number[], lo: (number | null)[], hi: (number | null)[], y: (v: number) => number): string {
  const runs: number[][] = [];
  let run: number[] = [];
  xs.forEach((_, i) => {
    if (lo[i] !== null && hi[i] !== null) run.push(i);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  });
  if (run.length) runs.push(run);
  return runs
    .filter((r) => r.length > 1)
    .map((r) => {
      const upper = r.map((i) => `${xs[i]!.toFixed(1)},${y(hi[i]!).toFixed(1)}`);
      const lower = [...r].reverse().map((i) => `${xs[i]!.toFixed(1)},${y(lo[i]!).toFixed(1)}`);
      return `M${upper.join('L')}L${lower.join('L')}Z`;
    })
    .join('');
}

/** About `count` round tick values spanning [lo, hi]. */
function niceTicks(lo: number, hi: number, count: number): number[] {
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function fmtTick(v: number): string {
  const a = Math.abs(v);
  if (a >= 1000) return v.toFixed(0);
  if (a >= 10) return String(Number(v.toFixed(1)));
  return String(Number(v.toFixed(3)));
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One line of the benchmark table. */
export interface ResultRow {
  /** stable key in the JSON */
  id: string;
  metric: string;
  /** mirrorbook's figure as printed */
  value: string;
  /** the figure as a number (the one the ratio uses), null when not measured */
  number: number | null;
  seed: string;
  /** seed ÷ ours (lower is better) or ours ÷ seed (higher is better): > 1 means mirrorbook is better */
  ratio: string;
  /** how it was measured, what was scaled */
  note: string;
}

const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A GitHub-flavoured markdown table. */
export function markdownTable(header: string[], rows: string[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.map(escapeCell).join(' | ')} |`);
  return lines.join('\n');
}

/** A plain-text table for the terminal (columns padded; long cells wrap at `width`, one for all or one per column). */
export function textTable(header: string[], rows: string[][], width: number | number[] = 60): string {
  const widthOf = (c: number) => (Array.isArray(width) ? width[c] ?? 60 : width);
  const wrap = (s: string, c: number): string[] => {
    const limit = widthOf(c);
    const out: string[] = [];
    let line = '';
    for (const word of s.split(' ')) {
      if (line && (line + ' ' + word).length > limit) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
    return out;
  };
  const wrapped = [header, ...rows].map((r) => r.map((cell, c) => wrap(cell, c)));
  const widths = header.map((_, c) => Math.max(...wrapped.map((r) => Math.max(...r[c]!.map((l) => l.length)))));
  const sep = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const out = [sep];
  wrapped.forEach((row, i) => {
    const height = Math.max(...row.map((c) => c.length));
    for (let k = 0; k < height; k++) out.push(`| ${row.map((c, j) => (c[k] ?? '').padEnd(widths[j]!)).join(' | ')} |`);
    if (i === 0) out.push(sep);
  });
  out.push(sep);
  return out.join('\n');
}

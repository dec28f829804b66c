import { CandleParseError } from './candle-parse.error';
import { CANDLE_FIELDS, positionalLayout, type CandleField, type CandleLayout, type CandleRow } from './candle.layout';

/**
 * Header names accepted for each field, compared after trimming, dropping quotes, lower-casing
 * and turning spaces and dashes into `_`. Where a header has several time columns the first in
 * this list wins (`unix,date,…` reads `date`).
 */
export const CANDLE_HEADER_NAMES: Readonly<Record<CandleField, readonly string[]>> = {
  time: ['time', 'timestamp', 'date', 'datetime', 'open_time', 'opentime', 'time_open', 'start', 'start_time', 'ts', 'unix', 'unix_time'],
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c'],
  volume: ['volume', 'vol', 'v', 'base_volume', 'volume_base'],
};

const KNOWN = new Set(Object.values(CANDLE_HEADER_NAMES).flat());

/**
 * The rows of a CSV candle file (comma-separated; blank lines and `#` comments skipped) and where
 * each field sits. The first row is a header when one of its cells is an accepted name
 * (`CANDLE_HEADER_NAMES`): columns then come in any order and the others are ignored; without
 * a header the first six columns are time, open, high, low, close, volume. Throws
 * `CandleParseError` (HEADER) for a header that lacks a field.
 */
export function readCsvRows(text: string, file: string | null): { layout: CandleLayout; rows: CandleRow[] } {
  const rows: CandleRow[] = [];
  let layout: CandleLayout | null = null;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(',').map(unquote);
    if (layout === null && isHeader(cells)) {
      layout = headerLayout(cells, i + 1, file);
      continue;
    }
    layout ??= positionalLayout('column');
    rows.push({ line: i + 1, cells });
  }
  return { layout: layout ?? positionalLayout('column'), rows };
}

function isHeader(cells: readonly string[]): boolean {
  return cells.some((c) => KNOWN.has(headerName(c)));
}

function headerLayout(cells: readonly string[], line: number, file: string | null): CandleLayout {
  const names = cells.map(headerName);
  const index = {} as Record<CandleField, number>;
  const label = {} as Record<CandleField, string>;
  for (const field of CANDLE_FIELDS) {
    const accepted = CANDLE_HEADER_NAMES[field];
    const name = accepted.find((n) => names.includes(n));
    if (name === undefined) {
      const expected = `a ${field} column (one of ${accepted.join(', ')})`;
      throw new CandleParseError({ code: 'HEADER', line, column: 'header', expected, got: cells.join(',') }, file);
    }
    index[field] = names.indexOf(name);
    label[field] = `column ${index[field] + 1} "${cells[index[field]]}"`;
  }
  return { index, label };
}

function headerName(cell: string): string {
  return cell.toLowerCase().replace(/[\s-]+/g, '_');
}

function unquote(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
}

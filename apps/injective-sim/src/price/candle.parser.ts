import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';
import { readCsvRows } from './candle-csv.reader';
import { readJsonRows } from './candle-json.reader';
import { CANDLE_FIELDS, positionalLayout, type CandleField, type CandleLayout, type CandleRow } from './candle.layout';
import { CandleParseError, type CandleParseProblem } from './candle-parse.error';
import { CANDLE_TIME_FORMATS, parseCandleTime } from './candle-time.parser';

/** One OHLCV row; prices in quote units per base unit, volume in base units. */
export interface Candle {
  /** start of the candle, ms since the epoch (UTC) */
  timeMs: number;
  open: Decimal;
  high: Decimal;
  low: Decimal;
  close: Decimal;
  volume: Decimal;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

type Problem = Omit<CandleParseProblem, 'line'>;

/**
 * Parses a candle file's text: a JSON array of `[time, open, high, low, close, volume, …]` rows
 * when it starts with `[`, else CSV (see `readCsvRows` for the header). Times in any of
 * `CANDLE_TIME_FORMATS`. Rejects the first bad row with a `CandleParseError` naming its line,
 * column and what was expected: a missing cell, a bad time, a non-number, a non-positive price,
 * a negative volume, high/low not enclosing open and close, a time not after the previous row's,
 * or no rows at all. `file` only labels the messages.
 */
export function parseCandles(text: string, file: string | null = null): Candle[] {
  const body = text.replace(/^\uFEFF/, '');
  const { layout, rows } = body.trimStart().startsWith('[') ? { layout: positionalLayout('element'), rows: readJsonRows(body, file) } : readCsvRows(body, file);
  const candles: Candle[] = [];
  for (const row of rows) {
    const result = candleOf(row, layout, candles.at(-1));
    if ('code' in result) throw new CandleParseError({ ...result, line: row.line }, file);
    candles.push(result);
  }
  if (candles.length === 0) throw new CandleParseError({ code: 'EMPTY', line: 0, column: null, expected: 'at least one candle row', got: null }, file);
  return candles;
}

/** The candle of one row, or what is wrong with it. */
function candleOf(row: CandleRow, layout: CandleLayout, previous: Candle | undefined): Candle | Problem {
  const missing = CANDLE_FIELDS.find((f) => layout.index[f] >= row.cells.length);
  if (missing) {
    const expected = `a ${missing} value (the row has ${row.cells.length} cells)`;
    return { code: 'COLUMN_COUNT', column: layout.label[missing], expected, got: null };
  }
  const cell = (field: CandleField): string | null => row.cells[layout.index[field]] ?? null;
  const timeMs = cell('time') === null ? null : parseCandleTime(cell('time')!);
  if (timeMs === null) return { code: 'BAD_TIMESTAMP', column: layout.label.time, expected: CANDLE_TIME_FORMATS, got: cell('time') };
  if (previous && timeMs <= previous.timeMs) {
    const expected = `a time after the previous row's ${new Date(previous.timeMs).toISOString()}`;
    return { code: 'TIMESTAMP_ORDER', column: layout.label.time, expected, got: cell('time') };
  }
  const values: Partial<Record<CandleField, Decimal>> = {};
  for (const field of ['open', 'high', 'low', 'close', 'volume'] as const) {
    const value = decimalCell(cell(field), field, layout);
    if ('code' in value) return value;
    values[field] = value;
  }
  const candle = { timeMs, ...(values as Record<Exclude<CandleField, 'time'>, Decimal>) };
  return rangeProblem(candle, layout, cell) ?? candle;
}

function decimalCell(text: string | null, field: CandleField, layout: CandleLayout): Decimal | Problem {
  const column = layout.label[field];
  if (text === null || !DECIMAL.test(text)) return { code: 'NOT_A_NUMBER', column, expected: 'a decimal number', got: text };
  const value = new Dec(text);
  if (field === 'volume') return value.lt(0) ? { code: 'NEGATIVE_VOLUME', column, expected: 'a volume ≥ 0', got: text } : value;
  return value.lte(0) ? { code: 'NOT_POSITIVE', column, expected: 'a price > 0', got: text } : value;
}

/** high must be ≥ open and close, low ≤ both. */
function rangeProblem(c: Candle, layout: CandleLayout, cell: (field: CandleField) => string | null): Problem | null {
  const top = Dec.max(c.open, c.close);
  const bottom = Dec.min(c.open, c.close);
  if (c.high.lt(top)) return { code: 'HIGH_LOW_RANGE', column: layout.label.high, expected: `a high ≥ max(open, close) = ${top.toFixed()}`, got: cell('high') };
  if (c.low.gt(bottom)) return { code: 'HIGH_LOW_RANGE', column: layout.label.low, expected: `a low ≤ min(open, close) = ${bottom.toFixed()}`, got: cell('low') };
  return null;
}

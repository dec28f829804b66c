import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';
import { CandleParseError } from './candle-parse.error';

/** One OHLCV row; prices in quote units per base unit, volume in base units. */
export interface Candle {
  /** as written in the file (seconds or milliseconds since the epoch); only its order matters */
  timestamp: number;
  open: Decimal;
  high: Decimal;
  low: Decimal;
  close: Decimal;
  volume: Decimal;
}

const COLUMNS = ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^\d+$/;

/**
 * Parses `timestamp,open,high,low,close,volume` rows (an optional header line naming those
 * columns, blank lines and `#` comments skipped). Rejects the first bad row with a
 * `CandleParseError` naming its line: wrong column count, a non-number, a non-positive price, a
 * negative volume, high/low not enclosing open and close, or timestamps not strictly increasing.
 */
export function parseCandles(csv: string): Candle[] {
  const candles: Candle[] = [];
  const lines = csv.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.trim();
    if (text === '' || text.startsWith('#')) continue;
    const cells = text.split(',').map((c) => c.trim());
    if (candles.length === 0 && isHeader(cells)) continue;
    const candle = parseRow(cells, i + 1);
    const previous = candles[candles.length - 1];
    if (previous && candle.timestamp <= previous.timestamp) {
      throw new CandleParseError(
        'TIMESTAMP_ORDER',
        i + 1,
        `timestamp ${candle.timestamp} is not after the previous row's ${previous.timestamp}`,
      );
    }
    candles.push(candle);
  }
  if (candles.length === 0) throw new CandleParseError('EMPTY', 0, 'no candle rows');
  return candles;
}

function isHeader(cells: string[]): boolean {
  return cells.length === COLUMNS.length && cells.every((c, i) => c.toLowerCase() === COLUMNS[i]);
}

function parseRow(cells: string[], line: number): Candle {
  if (cells.length !== COLUMNS.length) {
    throw new CandleParseError(
      'COLUMN_COUNT',
      line,
      `expected ${COLUMNS.length} columns (${COLUMNS.join(',')}), got ${cells.length}`,
    );
  }
  const [ts, open, high, low, close, volume] = cells as [string, string, string, string, string, string];
  if (!INTEGER.test(ts)) throw new CandleParseError('NOT_A_NUMBER', line, `timestamp "${ts}" is not a non-negative integer`);
  const candle: Candle = {
    timestamp: Number(ts),
    open: positive(open, 'open', line),
    high: positive(high, 'high', line),
    low: positive(low, 'low', line),
    close: positive(close, 'close', line),
    volume: decimal(volume, 'volume', line),
  };
  if (candle.volume.lt(0)) throw new CandleParseError('NEGATIVE_VOLUME', line, `volume ${volume} is negative`);
  const top = Dec.max(candle.open, candle.close);
  const bottom = Dec.min(candle.open, candle.close);
  if (candle.high.lt(top) || candle.low.gt(bottom)) {
    throw new CandleParseError('HIGH_LOW_RANGE', line, `high ${high} / low ${low} do not enclose open ${open} and close ${close}`);
  }
  return candle;
}

function decimal(cell: string, column: string, line: number): Decimal {
  if (!DECIMAL.test(cell)) throw new CandleParseError('NOT_A_NUMBER', line, `${column} "${cell}" is not a number`);
  return new Dec(cell);
}

function positive(cell: string, column: string, line: number): Decimal {
  const value = decimal(cell, column, line);
  if (value.lte(0)) throw new CandleParseError('NOT_POSITIVE', line, `${column} ${cell} must be greater than zero`);
  return value;
}

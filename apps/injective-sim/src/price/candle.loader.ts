import { readFileSync } from 'node:fs';
import { CandleParseError } from './candle-parse.error';
import type { Candle } from './candle.parser';
import { parseCandles } from './candle.parser';

/**
 * Reads and parses one candle file (see `parseCandles` for the formats). Throws
 * `CandleParseError` — one line naming the file, line, column and what was expected — for a file
 * that cannot be read (code UNREADABLE) or used. Validate with it before starting anything.
 */
export function readCandleFile(path: string): Candle[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const got = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CandleParseError({ code: 'UNREADABLE', line: 0, column: null, expected: 'a readable file', got }, path, { cause: error });
  }
  return parseCandles(text, path);
}

/**
 * Reads each candle file once (`readCandleFile`), keyed by the path as given (what the sim
 * config's `price.replay.file` names). The only file I/O of the price module: call it at start and
 * hand the map to `SimExchange`.
 */
export function loadCandleFiles(paths: Iterable<string>): Map<string, Candle[]> {
  const result = new Map<string, Candle[]>();
  for (const path of paths) {
    if (!result.has(path)) result.set(path, readCandleFile(path));
  }
  return result;
}

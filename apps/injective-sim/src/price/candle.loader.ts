import { readFileSync } from 'node:fs';
import type { Candle } from './candle.parser';
import { parseCandles } from './candle.parser';
import { CandleParseError } from './candle-parse.error';

/**
 * Reads and parses each candle file once, keyed by the path as given (what the sim config's
 * `price.replay.file` names). The only file I/O of the price module: call it at start and hand the
 * map to `SimExchange`. A parse error is rethrown with the file name in its message.
 */
export function loadCandleFiles(paths: Iterable<string>): Map<string, Candle[]> {
  const result = new Map<string, Candle[]>();
  for (const path of paths) {
    if (result.has(path)) continue;
    const text = readFileSync(path, 'utf8');
    try {
      result.set(path, parseCandles(text));
    } catch (error) {
      if (error instanceof CandleParseError) {
        throw new CandleParseError(error.code, error.line, `${path}: ${error.detail}`);
      }
      throw error;
    }
  }
  return result;
}

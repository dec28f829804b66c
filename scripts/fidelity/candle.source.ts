import type Decimal from 'decimal.js';
import { readCandleFile } from '../../apps/injective-sim/src/price/candle.loader';
import type { Candle } from '../../apps/injective-sim/src/price/candle.parser';
import { Dec } from '@mirrorbook/market';

/** The header of the replay files the fidelity tool writes for the sim (times are epoch ms). */
export const REPLAY_HEADER = 'time,open,high,low,close,volume';

/** A recorded candle file, parsed and checked as the sim will read it. */
export interface CandleSource {
  readonly candles: readonly Candle[];
  /** seconds between the first two candles (60 for a file of one candle) */
  readonly intervalS: number;
}

/**
 * Reads and validates a candle file with the sim's own reader (`readCandleFile`): any format and
 * time the sim accepts. Throws its `CandleParseError` (one line naming file, line and column) for
 * a file that cannot be used: call it before anything starts.
 */
export function loadCandleSource(file: string): CandleSource {
  const candles = readCandleFile(file);
  const [first, second] = candles;
  return { candles, intervalS: second ? (second.timeMs - first!.timeMs) / 1000 : 60 };
}

/** One replay row, `timeMs,open,high,low,close,volume`, prices × `factor` (exact; the sim rounds to its tick). */
export function replayRow(candle: Candle, factor: Decimal.Value): string {
  const f = new Dec(factor);
  const price = (p: Decimal) => p.mul(f).toFixed();
  return [String(candle.timeMs), price(candle.open), price(candle.high), price(candle.low), price(candle.close), candle.volume.toFixed()].join(',');
}

/**
 * The replay file's text: `warmupCandles` flat candles at the first open (one interval apart,
 * before the first), then the first `limit` candles, prices × `factor`. Throws a RangeError when
 * the warm-up would start before the epoch.
 */
export function replayText(source: CandleSource, options: { warmupCandles: number; limit?: number; factor: Decimal.Value }): { text: string; candles: number } {
  const used = options.limit === undefined ? source.candles : source.candles.slice(0, options.limit);
  const first = source.candles[0]!;
  const stepMs = Math.max(1, Math.round(source.intervalS * 1000));
  if (first.timeMs - options.warmupCandles * stepMs < 0) throw new RangeError(`the candle times are too early to prepend ${options.warmupCandles} warm-up candles`);
  const flat = Array.from({ length: options.warmupCandles }, (_, i): Candle => {
    const { open } = first;
    return { timeMs: first.timeMs - (options.warmupCandles - i) * stepMs, open, high: open, low: open, close: open, volume: new Dec(0) };
  });
  const rows = [...flat, ...used].map((c) => replayRow(c, options.factor));
  return { text: [REPLAY_HEADER, ...rows].join('\n') + '\n', candles: used.length };
}

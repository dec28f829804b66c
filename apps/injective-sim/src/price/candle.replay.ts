import type Decimal from 'decimal.js';
import type { Candle } from './candle.parser';

/**
 * The replayed price after `step` blocks (step 0 = the first candle's open): each candle lasts
 * `blocksPerCandle` blocks and its price moves linearly from open to close, reaching the close on
 * the candle's last block. Past the last candle it starts over when `loop`, else holds the last close.
 * Unrounded: the caller rounds to the market tick.
 */
export function replayPrice(candles: readonly Candle[], step: number, blocksPerCandle: number, loop: boolean): Decimal {
  if (candles.length === 0) throw new RangeError('replayPrice needs at least one candle');
  if (!Number.isInteger(blocksPerCandle) || blocksPerCandle < 1) {
    throw new RangeError(`blocksPerCandle must be a positive integer, got ${blocksPerCandle}`);
  }
  if (step <= 0) return candles[0]!.open;
  const moved = step - 1;
  let index = Math.floor(moved / blocksPerCandle);
  if (index >= candles.length) {
    if (!loop) return candles[candles.length - 1]!.close;
    index %= candles.length;
  }
  const candle = candles[index]!;
  const fraction = ((moved % blocksPerCandle) + 1) / blocksPerCandle;
  return candle.open.add(candle.close.sub(candle.open).mul(fraction));
}

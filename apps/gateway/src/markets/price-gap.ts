import { Dec, priceGapPct, toDecimalString } from '@mirrorbook/market';

/** Where the testnet price sits relative to the mainnet reference. */
export type GapDirection = 'above' | 'below' | 'level';

/**
 * The price gap (`priceGapPct` of libs/market) rounded to 4 decimal places, as a signed decimal
 * string, with the direction the dashboard draws as an arrow (a zero reference reads as level).
 */
export function priceGap(tradingMid: string, referenceMid: string): { gapPct: string; direction: GapDirection } {
  const gap = (priceGapPct(tradingMid, referenceMid) ?? new Dec(0)).toDecimalPlaces(4);
  return { gapPct: toDecimalString(gap), direction: gap.isZero() ? 'level' : gap.isPositive() ? 'above' : 'below' };
}

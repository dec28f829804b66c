import { Dec, toDecimalString } from '@mirrorbook/market';

/** Where the testnet price sits relative to the mainnet reference. */
export type GapDirection = 'above' | 'below' | 'level';

/**
 * `(trading − reference) / reference × 100`, rounded to 4 decimal places, as a signed decimal
 * string, with the direction the dashboard draws as an arrow.
 */
export function priceGap(tradingMid: string, referenceMid: string): { gapPct: string; direction: GapDirection } {
  const reference = new Dec(referenceMid);
  const gap = new Dec(tradingMid).minus(reference).div(reference).times(100).toDecimalPlaces(4);
  return { gapPct: toDecimalString(gap), direction: gap.isZero() ? 'level' : gap.isPositive() ? 'above' : 'below' };
}

import type { BookLevel, BookSnapshot } from '@mirrorbook/contracts';
import { Dec, toDecimalString } from '@mirrorbook/market';

/** Resting liquidity within `pct` % of a centre price. */
export interface DepthBand {
  /** percent, e.g. "1" */
  pct: string;
  /** price levels on each side inside the band */
  bidLevels: number;
  askLevels: number;
  /** resting quantity inside the band, base units, decimal string */
  bidQuantity: string;
  askQuantity: string;
}

/** The bands the dashboard and the API show: within 1, 2 and 5 %. */
export const DEPTH_BANDS = ['1', '2', '5'] as const;

function sideWithin(levels: BookLevel[], inside: (price: InstanceType<typeof Dec>) => boolean) {
  let count = 0;
  let quantity = new Dec(0);
  for (const level of levels) {
    if (!inside(new Dec(level.price))) continue;
    count += 1;
    quantity = quantity.plus(level.quantity);
  }
  return { count, quantity: toDecimalString(quantity) };
}

/** Levels and quantity per side within each band around `center` (quote per base). */
export function depthBands(book: Pick<BookSnapshot, 'bids' | 'asks'>, center: string, pcts: readonly string[] = DEPTH_BANDS): DepthBand[] {
  const mid = new Dec(center);
  return pcts.map((pct) => {
    const fraction = new Dec(pct).div(100);
    const bids = sideWithin(book.bids, (p) => p.gte(mid.times(new Dec(1).minus(fraction))));
    const asks = sideWithin(book.asks, (p) => p.lte(mid.times(new Dec(1).plus(fraction))));
    return { pct, bidLevels: bids.count, askLevels: asks.count, bidQuantity: bids.quantity, askQuantity: asks.quantity };
  });
}

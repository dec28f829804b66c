import type { Side } from '@mirrorbook/market';

// Float noise on a product that is exactly on a tick must not move it a whole tick; 1e-12 of the
// value is far above float error (~1e-16) and far below one tick for any index up to 2^40.
const SNAP = 1e-12;

function snapped(x: number): number | null {
  const nearest = Math.round(x);
  return Math.abs(x - nearest) <= Math.abs(x) * SNAP ? nearest : null;
}

/**
 * The price index `spreadPct` percent away from the reference on `side`, rounded away from the
 * reference (bids down, asks up) — the direction `roundPrice` rounds, so a level never ends
 * closer to the reference than asked.
 */
export function priceIndexAt(referenceTicks: number, side: Side, spreadPct: number): number {
  const x = referenceTicks * (side === 'buy' ? 1 - spreadPct / 100 : 1 + spreadPct / 100);
  return snapped(x) ?? (side === 'buy' ? Math.floor(x) : Math.ceil(x));
}

/** The quantity index of `fraction` × base size, rounded down like `roundQuantity`. */
export function quantityIndexAt(baseTicks: number, fraction: number): number {
  const x = baseTicks * fraction;
  return snapped(x) ?? Math.floor(x);
}

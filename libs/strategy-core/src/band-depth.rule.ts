import { QUALITY_BANDS_BPS } from '@mirrorbook/market';
import type { LevelClaims } from './level.claims';
import type { AssessedOwnOrder } from './own-order.model';

/** One side's held levels against the depth curve's sizes, in price index × quantity index units. */
export interface BandDepthInput {
  readonly claims: LevelClaims;
  /** the side's levels (price indices), nearest the reference first */
  readonly levels: readonly number[];
  /** per level, the quantity index the plan would place */
  readonly planned: readonly number[];
  /** a resting order's remaining size as a quantity index */
  readonly quantityOf: (order: AssessedOwnOrder) => number;
  /** reference / priceTick */
  readonly referenceTicks: number;
  /** `cadence.depthTolerance` */
  readonly tolerance: number;
}

/**
 * Releases, per depth band of `QUALITY_BANDS_BPS`, every held level of a band whose resting
 * notional is off the plan's by more than `tolerance` of it (docs/architecture.md#cadence): their
 * orders are cancelled and the levels placed again at the curve's sizes, in the same tx (the
 * chain runs a batch's cancels before its creates, so a level keeps its price). So the book follows a change in
 * mainnet's depth, and refills a band takers ate into, while the size jitter of a replan (drawn
 * anew each cycle, the band's total unchanged) moves nothing. Levels no order holds are counted
 * in neither sum: they are placed anyway.
 */
export function releaseOffDepthBands(input: BandDepthInput): { claims: LevelClaims; released: AssessedOwnOrder[] } {
  const { claims, levels, planned, referenceTicks } = input;
  const bandOf = (k: number) => {
    const bps = (Math.abs(k - referenceTicks) / referenceTicks) * 10_000;
    const j = QUALITY_BANDS_BPS.findIndex((edge) => bps <= edge);
    return j < 0 ? QUALITY_BANDS_BPS.length : j;
  };
  const held = new Map<number, { resting: number; wanted: number }>();
  levels.forEach((k, i) => {
    const holder = claims.holders[i];
    if (!holder) return;
    const sums = held.get(bandOf(k)) ?? { resting: 0, wanted: 0 };
    sums.resting += k * input.quantityOf(holder);
    sums.wanted += k * planned[i]!;
    held.set(bandOf(k), sums);
  });
  const off = new Set([...held].filter(([, s]) => Math.abs(s.resting - s.wanted) > input.tolerance * s.wanted).map(([band]) => band));
  if (off.size === 0) return { claims, released: [] };
  const release = (i: number) => claims.holders[i] !== undefined && off.has(bandOf(levels[i]!));
  return {
    claims: { holders: claims.holders.map((h, i) => (release(i) ? undefined : h)), stale: claims.stale },
    released: claims.holders.filter((h, i): h is AssessedOwnOrder => h !== undefined && release(i)),
  };
}

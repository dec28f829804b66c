import { QUALITY_BANDS_BPS } from '@mirrorbook/market';
import type { LevelClaims } from './level.claims';
import type { AssessedOwnOrder } from './own-order.model';

/** One side's resting orders against the depth curve's levels, in price index × quantity index units. */
export interface BandDepthInput {
  readonly claims: LevelClaims;
  /** the side's levels (price indices), nearest the reference first */
  readonly levels: readonly number[];
  /** per level, the quantity index the plan would place */
  readonly planned: readonly number[];
  /** the side's resting orders that neither hold a level nor are a level's stale quote, with their price indices */
  readonly unclaimed: readonly { readonly order: AssessedOwnOrder; readonly k: number }[];
  /** a resting order's remaining size as a quantity index */
  readonly quantityOf: (order: AssessedOwnOrder) => number;
  /** reference / priceTick */
  readonly referenceTicks: number;
  /** `cadence.depthTolerance` */
  readonly tolerance: number;
}

/** What the band check changes: holders to place again at the curve's sizes, and orders the curve has no room for. */
export interface BandDepthRelease {
  readonly claims: LevelClaims;
  /** holders of levels in an off band: cancelled and placed again at their price */
  readonly released: AssessedOwnOrder[];
  /** unclaimed orders in an off band (or beyond the bands): cancelled */
  readonly surplus: AssessedOwnOrder[];
}

/**
 * Per depth band of `QUALITY_BANDS_BPS` (docs/architecture.md#cadence): when the notional the bot
 * rests within the band's edge (the orders holding levels and those no level claims, cumulative
 * from the reference out, as the book's quality is measured) is off the curve's by more than
 * `tolerance` of it, the band's holders are released (cancelled
 * and placed again at the curve's sizes, in the same tx: the chain runs a batch's cancels before its
 * creates, so a level keeps its price) and its unclaimed orders cancelled. So the book follows a
 * change in mainnet's depth and sheds what a thinner mainnet book no longer carries; the size
 * jitter of a replan (drawn anew each cycle, the band's total unchanged) moves nothing. A level no
 * order holds (eaten by takers, its quote stale or inside mainnet's spread) counts at the size the
 * plan places it: its level is placed anyway, so it never makes the band's holders churn. Stale
 * quotes count in neither sum.
 */
export function releaseOffDepthBands(input: BandDepthInput): BandDepthRelease {
  const { claims, levels, planned, referenceTicks } = input;
  const bandOf = (k: number) => {
    const bps = (Math.abs(k - referenceTicks) / referenceTicks) * 10_000;
    const j = QUALITY_BANDS_BPS.findIndex((edge) => bps <= edge);
    return j < 0 ? QUALITY_BANDS_BPS.length : j;
  };
  const sums = new Map<number, { resting: number; wanted: number }>();
  const add = (k: number, field: 'resting' | 'wanted', units: number) => {
    const band = sums.get(bandOf(k)) ?? { resting: 0, wanted: 0 };
    band[field] += units;
    sums.set(bandOf(k), band);
  };
  levels.forEach((k, i) => {
    add(k, 'wanted', k * planned[i]!);
    const holder = claims.holders[i];
    // a level no order holds is placed at the curve's size by this plan (or the next build): counting it
    // short would resize every holder of a band whenever a move of the reference left a few quotes stale
    add(k, 'resting', holder ? k * input.quantityOf(holder) : k * planned[i]!);
  });
  for (const { order, k } of input.unclaimed) add(k, 'resting', k * input.quantityOf(order));
  const off = offBands(sums, input.tolerance);
  if (off.size === 0) return { claims, released: [], surplus: [] };
  const release = (i: number) => claims.holders[i] !== undefined && off.has(bandOf(levels[i]!));
  return {
    claims: { holders: claims.holders.map((h, i) => (release(i) ? undefined : h)), stale: claims.stale },
    released: claims.holders.filter((h, i): h is AssessedOwnOrder => h !== undefined && release(i)),
    surplus: input.unclaimed.filter(({ k }) => off.has(bandOf(k))).map(({ order }) => order),
  };
}

/**
 * The bands off the curve: the cumulative resting notional up to the band's edge (from the nearest
 * band out) is off the cumulative wanted by more than `tolerance` of it, and so is the band's own
 * share (where nothing is wanted, any resting is off). A band whose own share is right is not
 * placed again for a band nearer the reference that is short.
 */
function offBands(sums: ReadonlyMap<number, { resting: number; wanted: number }>, tolerance: number): Set<number> {
  const off = new Set<number>();
  let resting = 0;
  let wanted = 0;
  for (let band = 0; band <= QUALITY_BANDS_BPS.length; band++) {
    const s = sums.get(band);
    if (!s) continue;
    resting += s.resting;
    wanted += s.wanted;
    const beyond = (r: number, w: number) => Math.abs(r - w) > tolerance * w;
    if (beyond(resting, wanted) && beyond(s.resting, s.wanted)) off.add(band);
  }
  return off;
}

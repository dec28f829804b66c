import type { AssessedOwnOrder } from './own-order.model';
import type { CompiledParams } from './strategy-params.compiler';

/**
 * How far beyond the farthest placement an order may drift before it is withdrawn: a tenth, so
 * orders placed at the edge of the deepest stage do not churn with every small move of the
 * reference.
 */
const DRIFT_ALLOWANCE = 1.1;

/** The farthest from the reference any phase places an order, percent. */
export function farthestPlacementPct(params: CompiledParams): number {
  return Math.max(
    params.marketMoving.spread.max,
    ...params.bookBuilding.tiers.map((t) => t.spread.max),
    ...params.maintenance.stages.map((s) => s.max),
  );
}

/**
 * Splits the bot's orders into those it still wants and those the reference has left behind:
 * orders farther from the reference than any phase would place them (beyond the drift allowance).
 * Those are stale quotes after a move of the reference, and on a derivative they hold the
 * position budget that the new quotes near the reference need, so every phase withdraws them.
 */
export function splitOutOfBand(
  own: readonly AssessedOwnOrder[],
  params: CompiledParams,
): { kept: AssessedOwnOrder[]; outOfBand: AssessedOwnOrder[] } {
  const limit = farthestPlacementPct(params) * DRIFT_ALLOWANCE;
  const kept: AssessedOwnOrder[] = [];
  const outOfBand: AssessedOwnOrder[] = [];
  for (const o of own) (o.distancePct.gt(limit) ? outOfBand : kept).push(o);
  return { kept, outOfBand };
}

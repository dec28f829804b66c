import type Decimal from 'decimal.js';
import type { StrategyParams, StrategyPhase } from '@mirrorbook/contracts';
import type { BookAssessment } from './book.assessor';
import { compileParams } from './strategy-params.compiler';

/**
 * Picks the phase for this cycle (docs/architecture.md#phases). Precedence, first match wins:
 *
 * 1. BOOK_BUILDING when the book has no price at all (no gap can be measured);
 * 2. MARKET_MOVING when |gap| > `marketMoving.gapAbovePct` and the book holds more than
 *    `marketMoving.minOrders` orders — even if depth near the reference is poor: a book that is
 *    deep but priced far off is fixed first, since a staircase around the reference would sit
 *    inside (and be rejected against) the mispriced orders;
 * 3. BOOK_BUILDING when depth is poor (< `minTotalOrders` in total or < `minNearOrders` within
 *    `nearPct` of the reference);
 * 4. MAINTENANCE when |gap| < `maintenance.gapBelowPct` — but BOOK_BUILDING there when the
 *    book's spread is wider than `bookBuilding.maxSpreadPct` of the reference: maintenance cancels
 *    the oldest orders, which are the staircase's tight levels, and only places 0.5 % and more
 *    away, so without a refill the spread widens for good (a 111 bps steady-state spread against
 *    5 bps on mainnet was measured that way); the build re-places only the missing levels;
 * 5. REPRICING otherwise: depth is good and the gap is between the two thresholds (2–15 % by
 *    default, both ends inclusive), which the seed leaves open.
 *
 * Why REPRICING rather than leaving that band alone: a deep book 2–15 % off the reference is
 * exactly what paper traders notice, yet taking liquidity over such a gap (MARKET_MOVING) costs
 * slippage on every small drift and a fresh staircase would churn the whole book. REPRICING
 * withdraws the bot's own orders that hold the price off (wrong side of the reference first) and
 * posts a bounded number of maker-only orders between the reference and the testnet mid, so the
 * mid walks toward the reference over a few cycles without crossing anyone.
 */
export function selectPhase(assessment: BookAssessment, params: StrategyParams): StrategyPhase {
  const p = compileParams(params);
  if (assessment.gapPct === null) return 'BOOK_BUILDING';
  const gap = assessment.gapPct.abs();
  if (gap.gt(p.marketMoving.gapAbovePct) && assessment.totalOrders > p.marketMoving.minOrders) return 'MARKET_MOVING';
  const depthPoor =
    assessment.totalOrders < p.bookBuilding.minTotalOrders || assessment.nearOrders < p.bookBuilding.minNearOrders;
  if (depthPoor) return 'BOOK_BUILDING';
  if (gap.lt(p.maintenance.gapBelowPct)) return spreadWide(assessment, p.bookBuilding.maxSpreadPct) ? 'BOOK_BUILDING' : 'MAINTENANCE';
  return 'REPRICING';
}

/** True when the book is one-sided or its spread is wider than `maxSpreadPct` percent of the reference. */
function spreadWide(assessment: BookAssessment, maxSpreadPct: Decimal): boolean {
  return assessment.spread === null || assessment.spread.gt(assessment.reference.mul(maxSpreadPct).div(100));
}

import type Decimal from 'decimal.js';
import type { StrategyParams } from '@mirrorbook/contracts';
import { Dec, type Market } from '@mirrorbook/market';

/** What decides whether a reference tick alone is worth a plan. */
export interface ReferenceMoveInput {
  /** the reference (quote per base) the bot's last plan on the market was made from; undefined: never planned */
  readonly planned: Decimal | undefined;
  /** the reference of the new tick, quote per base */
  readonly current: Decimal;
  readonly params: Pick<StrategyParams, 'bookBuilding' | 'cadence'>;
  readonly market: Pick<Market, 'priceTick'>;
}

/**
 * Whether the reference moved beyond the requote tolerance since the bot's last plan
 * (docs/architecture.md#cadence): |current − planned| > max(one price tick, `requoteTolerance` ×
 * the innermost staircase distance × planned), the innermost distance taken as the smallest
 * `spread.min` of the tiers, a lower bound of the innermost level's: a move this rule lets pass
 * holds every level, since a quote holds its level within that allowance (`claimLevels`). A bot
 * never planned has moved. Pure.
 */
export function referenceMoved(input: ReferenceMoveInput): boolean {
  const { planned, current, params, market } = input;
  if (planned === undefined) return true;
  return current.minus(planned).abs().gt(moveAllowance(planned, params, market));
}

/** The move of the reference from `planned` that every staircase quote absorbs, quote units. */
function moveAllowance(planned: Decimal, params: ReferenceMoveInput['params'], market: ReferenceMoveInput['market']): Decimal {
  const innermostPct = Dec.min(...params.bookBuilding.tiers.map((tier) => tier.spread.min));
  const allowance = planned.times(innermostPct).div(100).times(params.cadence.requoteTolerance);
  return Dec.max(market.priceTick, allowance);
}

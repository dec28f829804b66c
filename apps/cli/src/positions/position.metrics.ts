import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';

/** A derivative position, human units. */
export interface PositionInput {
  readonly side: 'long' | 'short';
  /** contracts, positive */
  readonly quantity: Decimal;
  /** quote per contract */
  readonly entryPrice: Decimal;
  /** quote units posted as margin */
  readonly margin: Decimal;
}

/** What `positions` shows beside a position. */
export interface PositionMetrics {
  /** mark × quantity, quote units; null without a mark */
  readonly notional: Decimal | null;
  /** (mark − entry) × quantity, negated for shorts, quote units */
  readonly unrealizedPnl: Decimal | null;
  /** (margin + PnL) / notional, percent: the position is liquidated below the maintenance ratio */
  readonly marginRatioPct: Decimal | null;
  /** true when the margin ratio is below the market's maintenance margin ratio */
  readonly belowMaintenance: boolean | null;
}

const HUNDRED = new Dec(100);

/**
 * PnL and margin ratio at `mark`. Funding is not included (the LCD's cumulative funding entry
 * needs the market's current cumulative funding, which the CLI does not read).
 */
export function positionMetrics(position: PositionInput, mark: Decimal | null, maintenanceMarginRatio: Decimal | null): PositionMetrics {
  if (!mark) return { notional: null, unrealizedPnl: null, marginRatioPct: null, belowMaintenance: null };
  const direction = position.side === 'long' ? 1 : -1;
  const unrealizedPnl = new Dec(mark).sub(position.entryPrice).mul(position.quantity).mul(direction);
  const notional = new Dec(mark).mul(position.quantity);
  if (notional.isZero()) return { notional, unrealizedPnl, marginRatioPct: null, belowMaintenance: null };
  const ratio = new Dec(position.margin).add(unrealizedPnl).div(notional);
  return {
    notional,
    unrealizedPnl,
    marginRatioPct: ratio.mul(HUNDRED),
    belowMaintenance: maintenanceMarginRatio ? ratio.lt(maintenanceMarginRatio) : null,
  };
}

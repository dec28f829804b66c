import type Decimal from 'decimal.js';
import type { CreateOrderAction, MarketPlan } from '@mirrorbook/contracts';
import { Dec, toDecimalString, type Market, type Side } from '@mirrorbook/market';
import type { PreTradeContext } from './pre-trade.context';

/**
 * Derivatives: the net position the wallet could reach on a market if every resting order of a side
 * filled — the position on chain, plus the orders resting on that side (less those the tx cancels),
 * plus the creates of this tx accepted so far, plus the new one — may not pass the market's
 * `maxNetPosition` (docs/architecture.md#pre-trade-checks). The strategy plans under the same rule
 * with its live parameter; this cap comes from configuration only. Reduce-only creates never grow
 * the position and are not counted.
 */
export class NetPositionBudget {
  /** per market key and side: quantity accepted in this tx so far */
  private readonly accepted = new Map<string, Decimal>();

  constructor(private readonly ctx: PreTradeContext) {}

  /** Why `action` would let the position pass the cap; null when it fits (or is not a derivative growing create). */
  refusal(action: CreateOrderAction, plan: MarketPlan, bot: string, market: Market): string | null {
    if (market.type !== 'derivative' || action.reduceOnly) return null;
    const position = this.ctx.position(plan.market);
    if (position === undefined) return `net position on ${plan.market} unknown: the positions query failed`;
    const { maxNetPosition, maxNetPositionSource } = this.ctx.marketLimits(bot, plan.market);
    const reach = worstCaseReach(position, action.side, restingQuantity(plan, action.side, this.ctx).add(this.acceptedOf(plan.market, action.side)).add(action.quantity));
    if (reach.lte(maxNetPosition)) return null;
    const direction = action.side === 'buy' ? 'long' : 'short';
    return `net position on ${plan.market} could reach ${toDecimalString(reach)} ${direction} if every resting ${action.side} filled, beyond the limit ±${toDecimalString(maxNetPosition)} (${maxNetPositionSource})`;
  }

  /** Counts an accepted create against its side. */
  accept(action: CreateOrderAction, plan: MarketPlan): void {
    if (action.reduceOnly) return;
    const key = sideKey(plan.market, action.side);
    this.accepted.set(key, (this.accepted.get(key) ?? new Dec(0)).add(action.quantity));
  }

  private acceptedOf(marketKey: string, side: Side): Decimal {
    return this.accepted.get(sideKey(marketKey, side)) ?? new Dec(0);
  }
}

/** The size of the position on `side`'s direction (long for buys) once `added` more of that side fills. Pure. */
export function worstCaseReach(position: Decimal, side: Side, added: Decimal): Decimal {
  return (side === 'buy' ? position : position.neg()).add(added);
}

/** Quantity resting on `side` of the plan's market that this plan does not cancel. */
function restingQuantity(plan: MarketPlan, side: Side, ctx: PreTradeContext): Decimal {
  if (plan.actions.some((a) => a.type === 'cancelAll')) return new Dec(0);
  const cancelled = new Set(plan.actions.flatMap((a) => (a.type === 'cancel' ? [a.orderHash.toLowerCase()] : [])));
  return ctx
    .openOrders(plan.market)
    .filter((o) => o.side === side && !cancelled.has(o.orderHash.toLowerCase()))
    .reduce((sum, o) => sum.add(o.quantity), new Dec(0));
}

function sideKey(marketKey: string, side: Side): string {
  return `${marketKey}\u0000${side}`;
}

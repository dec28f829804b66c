import type { CreateOrderAction, MarketPlan } from '@mirrorbook/contracts';
import type { Market } from '@mirrorbook/market';
import type { PreTradeContext } from './pre-trade.context';

/**
 * The chain's own limits on creates (the exchange module params): no create that may cross while
 * post-only mode lasts, and at most `max_derivative_order_side_count` resting orders per side of a
 * derivative market, counting the wallet's resting orders, the plan's cancels and the tx's creates.
 */
export class VenueLimitsCheck {
  private readonly counts = new Map<string, number>();

  constructor(private readonly ctx: PreTradeContext) {}

  /** The refusal of `action` under the venue limits, or null; an accepted create is counted by `accept`. */
  refusal(action: CreateOrderAction, plan: MarketPlan, market: Market): string | null {
    const venue = this.ctx.venue;
    if (!venue) return null;
    if (venue.postOnlyUntilHeight !== null && !action.postOnly) {
      return `the exchange is in post-only mode until height ${venue.postOnlyUntilHeight}: a create that may cross is refused (chain errors 59/96)`;
    }
    if (market.type !== 'derivative') return null;
    const count = this.countOf(plan, action.side);
    if (count >= venue.maxDerivativeOrderSideCount) {
      return `${count} ${action.side} orders would rest on ${plan.market}: the chain allows ${venue.maxDerivativeOrderSideCount} a side (max_derivative_order_side_count)`;
    }
    return null;
  }

  /** Counts an accepted create on its side. */
  accept(action: CreateOrderAction, plan: MarketPlan): void {
    const key = `${plan.market}:${action.side}`;
    this.counts.set(key, this.countOf(plan, action.side) + 1);
  }

  private countOf(plan: MarketPlan, side: 'buy' | 'sell'): number {
    const key = `${plan.market}:${side}`;
    const known = this.counts.get(key);
    if (known !== undefined) return known;
    const resting = restingAfterCancels(plan, side, this.ctx);
    this.counts.set(key, resting);
    return resting;
  }
}

/** The wallet's resting orders on the plan's market and side, less those the plan cancels. Pure. */
export function restingAfterCancels(plan: MarketPlan, side: 'buy' | 'sell', ctx: Pick<PreTradeContext, 'openOrders'>): number {
  if (plan.actions.some((a) => a.type === 'cancelAll')) return 0;
  const cancelled = new Set(plan.actions.flatMap((a) => (a.type === 'cancel' ? [a.orderHash.toLowerCase()] : [])));
  return ctx.openOrders(plan.market).filter((o) => o.side === side && !(o.orderHash && cancelled.has(o.orderHash.toLowerCase()))).length;
}

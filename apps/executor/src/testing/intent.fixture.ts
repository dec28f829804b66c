import type { BatchIntent, CreateOrderAction, MarketPlan, OrderAction } from '@mirrorbook/contracts';

/** A create action for specs; `cid` defaults to a unique one. */
export function createAction(overrides: Partial<CreateOrderAction> = {}): CreateOrderAction {
  return {
    type: 'create',
    side: 'buy',
    price: '10',
    quantity: '1',
    postOnly: true,
    reduceOnly: false,
    cid: `c-${Math.random().toString(36).slice(2, 10)}`,
    ...overrides,
  };
}

/** A market plan for specs. */
export function marketPlan(market: string, bookSeq: number, actions: OrderAction[] = [createAction()], phase: MarketPlan['phase'] = 'MAINTENANCE'): MarketPlan {
  return { market, phase, basedOn: { bookSeq, priceSeq: bookSeq, referencePrice: '10' }, actions };
}

/** A batch intent for specs: wallet `w1`, bot `b1`, planned at `ts` with a 3 s deadline. */
export function batchIntent(id: string, plans: MarketPlan[], overrides: Partial<BatchIntent> = {}): BatchIntent {
  const ts = overrides.ts ?? 1_000_000;
  return { v: 1, id, wallet: 'w1', bot: 'b1', plans, ts, deadline: ts + 3000, ...overrides };
}

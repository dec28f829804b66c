import type { Side } from '@mirrorbook/market';

/** `injective.exchange.v2.OrderType` values a limit order uses. */
export const ORDER_TYPE = { BUY: 1, SELL: 2, BUY_PO: 7, SELL_PO: 8 } as const;

export type LimitOrderType = (typeof ORDER_TYPE)[keyof typeof ORDER_TYPE];

/** The chain's order type for a side, post-only or not. */
export function orderTypeOf(side: Side, postOnly: boolean): LimitOrderType {
  if (side === 'buy') return postOnly ? ORDER_TYPE.BUY_PO : ORDER_TYPE.BUY;
  return postOnly ? ORDER_TYPE.SELL_PO : ORDER_TYPE.SELL;
}

// A bot's staircase as it rests on the book once built (shared by the cadence specs; not exported from the lib).
import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';
import type { PlanningBook } from '../cycle.planner';
import { planCycle } from '../cycle.planner';
import type { OwnOrder } from '../own-order.model';
import { creates, cycleInput, hash, NOW } from './strategy.fixtures';

/** The staircase the bot builds on an empty book at `reference`, resting as its own orders, and the book they make. */
export function restingStaircase(reference: Decimal.Value): { ownOrders: OwnOrder[]; book: PlanningBook } {
  const built = creates(planCycle(cycleInput({ reference: { price: new Dec(reference), seq: 1 } })));
  const ownOrders = built.map((o, i) => ({
    orderHash: hash(i + 1),
    side: o.side,
    price: new Dec(o.price),
    quantity: new Dec(o.quantity),
    createdAtMs: NOW - 60_000,
  }));
  return { ownOrders, book: bookOf(ownOrders) };
}

/** The book made of `orders` alone, best prices first. */
export function bookOf(orders: readonly OwnOrder[], seq = 2): PlanningBook {
  const level = (o: OwnOrder) => ({ price: new Dec(o.price).toFixed(), quantity: new Dec(o.quantity).toFixed() });
  const bids = orders.filter((o) => o.side === 'buy').sort((a, b) => new Dec(b.price).cmp(a.price)).map(level);
  const asks = orders.filter((o) => o.side === 'sell').sort((a, b) => new Dec(a.price).cmp(b.price)).map(level);
  return { bids, asks, orderCount: bids.length + asks.length, seq, height: 1 };
}

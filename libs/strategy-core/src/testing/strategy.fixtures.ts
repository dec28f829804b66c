// Builders shared by the strategy-core specs (not exported from the lib).
import type Decimal from 'decimal.js';
import {
  resolveStrategyParams,
  type BookLevel,
  type CancelOrderAction,
  type CreateOrderAction,
  type StrategyParamsOverride,
} from '@mirrorbook/contracts';
import { Dec, catalogMarkets, type Market, type MarketNetwork, type MarketType, type Side } from '@mirrorbook/market';
import type { CyclePlan, PlanCycleInput, PlanningBook } from '../cycle.planner';
import { initialCycleState } from '../cycle.planner';
import type { OwnOrder } from '../own-order.model';
import { createSeededRng } from '../seeded-rng.factory';

export const NOW = 1_700_000_000_000;

/** A real market from the bundled fixture. */
export function fixtureMarket(ticker: string, network: MarketNetwork = 'mainnet', type: MarketType = 'spot'): Market {
  const market = catalogMarkets()[network].find((m) => m.ticker === ticker && m.type === type);
  if (!market) throw new Error(`no ${network} ${type} market ${ticker} in the fixture`);
  return market;
}

export function params(...layers: StrategyParamsOverride[]) {
  return resolveStrategyParams(...layers);
}

/** A distinct valid order hash per n. */
export function hash(n: number): string {
  return `0x${n.toString(16).padStart(64, '0')}`;
}

/**
 * A two-sided book of `perSide` levels a side around `center`: best bid `center − step`, best ask
 * `center + step`, then one `step` apart; quantity 1 each.
 */
export function ladderBook(center: Decimal.Value, perSide: number, step: Decimal.Value, seq = 1): PlanningBook {
  const c = new Dec(center);
  const s = new Dec(step);
  const level = (price: Decimal): BookLevel => ({ price: price.toFixed(), quantity: '1' });
  const bids = Array.from({ length: perSide }, (_, i) => level(c.sub(s.mul(i + 1))));
  const asks = Array.from({ length: perSide }, (_, i) => level(c.add(s.mul(i + 1))));
  return { bids, asks, orderCount: 2 * perSide, seq, height: 1 };
}

export const emptyBook: PlanningBook = { bids: [], asks: [], orderCount: 0, seq: 1, height: 1 };

export function own(n: number, side: Side, price: Decimal.Value, extra: Partial<OwnOrder> = {}): OwnOrder {
  return { orderHash: hash(n), side, price: new Dec(price), quantity: new Dec(1), createdAtMs: NOW - 60_000 + n, ...extra };
}

/** A BOOK_BUILDING-ready input on INJ/USDT spot at 25.00 with ample balances; override anything. */
export function cycleInput(overrides: Partial<PlanCycleInput> = {}): PlanCycleInput {
  return {
    market: fixtureMarket('INJ/USDT'),
    book: emptyBook,
    reference: { price: new Dec('25.00'), seq: 7 },
    ownOrders: [],
    balances: { base: new Dec(100_000), quote: new Dec(10_000_000) },
    position: undefined,
    params: params(),
    rng: createSeededRng(1),
    cycle: initialCycleState,
    nowMs: NOW,
    cidPrefix: 'spec',
    ...overrides,
  };
}

export function creates(plan: Pick<CyclePlan, 'actions'>): CreateOrderAction[] {
  return plan.actions.filter((a): a is CreateOrderAction => a.type === 'create');
}

/** The plan's cancels, a cancel-all read as a cancel of every order the plan's assessment held. */
export function cancels(plan: Pick<CyclePlan, 'actions'> & Partial<Pick<CyclePlan, 'assessment'>>): CancelOrderAction[] {
  const listed = plan.actions.filter((a): a is CancelOrderAction => a.type === 'cancel');
  if (!plan.actions.some((a) => a.type === 'cancelAll')) return listed;
  return (plan.assessment?.ownOrders ?? []).map((o) => ({ type: 'cancel', orderHash: o.order.orderHash }));
}

export function ofSide(orders: readonly CreateOrderAction[], side: Side): CreateOrderAction[] {
  return orders.filter((o) => o.side === side);
}

/** |price − reference| / reference × 100 */
export function spreadPct(price: Decimal.Value, reference: Decimal.Value): Decimal {
  return new Dec(price).sub(reference).abs().div(reference).mul(100);
}

export function sum(values: readonly Decimal.Value[]): Decimal {
  return values.reduce<Decimal>((acc, v) => acc.add(v), new Dec(0));
}

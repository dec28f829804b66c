import type { CreateOrderAction } from '@mirrorbook/contracts';
import type { Side } from '@mirrorbook/market';
import type { CidSequence } from './cid.sequence';
import type { Lot, OrderBudget } from './order-budget.model';
import type { PriceLimits } from './price.limits';
import type { TickGrid } from './tick.grid';

/** How one order may be placed. */
export interface PlaceOptions {
  /**
   * the order may take liquidity (MARKET_MOVING only): when it crosses the testnet book it goes
   * out without postOnly, charged against the taker notional cap; otherwise it is maker-only
   */
  readonly mayTake?: boolean;
  /** largest quantity index the phase plans at this level; the min-notional bump stops there */
  readonly maxQ: number;
}

/** Why a planned order was left out. */
export type DropReason = 'duplicate' | 'price-limit' | 'band-full' | 'min-notional' | 'budget' | 'taker-cap';

/**
 * Turns (side, price index, quantity index) into create actions, enforcing the invariants every
 * phase shares: on tick (by construction), one order per (side, price) including the bot's open
 * orders, on its own side of the reference, no self-crossing and no post-only crossing of the
 * book, min notional, balances / position and the taker cap.
 *
 * Min notional, consistently: a quantity below the market minimum is lifted to the smallest on-tick
 * quantity that meets it, unless that exceeds the phase's largest size (`maxQ`) or the budget —
 * then the order is dropped rather than planned oversized.
 */
export class OrderBuilder {
  readonly creates: CreateOrderAction[] = [];
  private readonly drops = new Map<string, number>();
  private readonly budgetDropped: Record<Side, number[]> = { buy: [], sell: [] };
  private takerUnits: bigint;

  constructor(
    private readonly grid: TickGrid,
    private readonly limits: PriceLimits,
    private readonly taken: { readonly buy: Set<number>; readonly sell: Set<number> },
    private readonly budget: OrderBudget,
    private readonly cids: CidSequence,
    takerUnits: bigint,
  ) {
    this.takerUnits = takerUnits;
  }

  /** True when the bot has (or has just planned) an order at price index k on `side`. */
  isTaken(side: Side, k: number): boolean {
    return this.taken[side].has(k);
  }

  /**
   * k, or the first free price index beyond it, stepping away from the reference; null when that
   * would pass `outermost` (the phase's deepest spread): coarse ticks mean fewer orders, never
   * orders further out than configured.
   */
  free(side: Side, k: number, outermost: number): number | null {
    const step = side === 'buy' ? -1 : 1;
    const taken = this.taken[side];
    while (taken.has(k)) k += step;
    if (side === 'buy' ? k >= outermost : k <= outermost) return k;
    this.drop(side, 'band-full');
    return null;
  }

  /** The price index nearest the reference on `side`: one tick strictly below / above it. */
  referenceEdge(side: Side): number {
    return side === 'buy' ? this.limits.reference.bidMax : this.limits.reference.askMin;
  }

  /** k, or the reference edge when k would reach the reference (a spread below one tick). */
  clampInside(side: Side, k: number): number {
    const edge = this.referenceEdge(side);
    return side === 'buy' ? Math.min(k, edge) : Math.max(k, edge);
  }

  /** The innermost price index a maker order may take on `side`. */
  makerEdge(side: Side): number {
    const { reference, own, book } = this.limits;
    return side === 'buy'
      ? Math.min(reference.bidMax, own.bidMax, book.bidMax)
      : Math.max(reference.askMin, own.askMin, book.askMin);
  }

  /** Plans one order; false (and a counted drop) when an invariant leaves no valid order. */
  place(side: Side, k: number, quantity: number, options: PlaceOptions): boolean {
    if (this.taken[side].has(k)) return this.drop(side, 'duplicate');
    const { reference, book } = this.limits;
    const inReference = side === 'buy' ? k >= 1 && k <= reference.bidMax : k >= reference.askMin;
    if (!inReference) return this.drop(side, 'price-limit');
    const crossesBook = side === 'buy' ? k > book.bidMax : k < book.askMin;
    const taking = options.mayTake === true && crossesBook;
    if (!taking) {
      const edge = this.makerEdge(side);
      if (side === 'buy' ? k > edge : k < edge) return this.drop(side, 'price-limit');
    }
    const minQ = this.grid.minQuantityAt(k);
    let q = Math.max(quantity, minQ);
    if (q > options.maxQ) return this.drop(side, 'min-notional');
    q = Math.min(q, this.budget.room(side, k));
    if (q < minQ) {
      this.budgetDropped[side].push(k);
      return this.drop(side, 'budget');
    }
    // a sell fills at its limit or better, up to the best bid; a buy at its limit or better
    const takerPrice = side === 'sell' ? Math.max(k, this.limits.bestBidCeil) : k;
    if (taking) {
      q = Math.min(q, Number(this.takerUnits / BigInt(takerPrice)));
      if (q < minQ) return this.drop(side, 'taker-cap');
      this.takerUnits -= BigInt(takerPrice) * BigInt(q);
    }
    this.budget.consume(side, k, q);
    this.taken[side].add(k);
    this.creates.push({
      type: 'create',
      side,
      price: this.grid.priceText(k),
      quantity: this.grid.quantityText(q),
      postOnly: !taking,
      reduceOnly: this.budget.reduceOnly(side),
      cid: this.cids.next(),
    });
    return true;
  }

  /** See `OrderBudget.fit`: the share of `wanted` the budget left to this builder can afford. */
  fit(side: Side, wanted: readonly Lot[], resting: readonly Lot[]): number {
    return this.budget.fit(side, wanted, resting);
  }

  /** Price indices of the orders on `side` left out because the budget had no room for them. */
  budgetDrops(side: Side): readonly number[] {
    return this.budgetDropped[side];
  }

  /** Human-readable drop counts, e.g. `2 sell dropped: budget`. */
  notes(): string[] {
    return [...this.drops].map(([key, n]) => `${n} ${key}`);
  }

  private drop(side: Side, reason: DropReason): false {
    const key = `${side} dropped: ${reason}`;
    this.drops.set(key, (this.drops.get(key) ?? 0) + 1);
    return false;
  }
}

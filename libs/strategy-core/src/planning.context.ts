import type Decimal from 'decimal.js';
import type { BookLevel } from '@mirrorbook/contracts';
import { Dec, type BookSides, type Market, type Side } from '@mirrorbook/market';
import type { AssessedBook, BookAssessment } from './book.assessor';
import { CidSequence } from './cid.sequence';
import type { OrderBudget } from './order-budget.model';
import { OrderBuilder } from './order.builder';
import type { AssessedOwnOrder } from './own-order.model';
import { createPositionBudget } from './position.budget';
import type { PriceLimits } from './price.limits';
import type { Rng } from './seeded-rng.factory';
import { createSpotBudget, type SpotBalances } from './spot.budget';
import { StrategyInputError } from './strategy-input.error';
import type { CompiledParams } from './strategy-params.compiler';
import { MAX_TICKS, TickGrid } from './tick.grid';

/** Everything a phase planner reads; built once per cycle by `planCycle`. */
export interface PlanningContext {
  readonly grid: TickGrid;
  readonly params: CompiledParams;
  readonly assessment: BookAssessment;
  readonly rng: Rng;
  /** maintenance depth stage to use, already reduced modulo the number of stages */
  readonly stage: number;
  /** reference / priceTick (a float: it only positions targets) */
  readonly referenceTicks: number;
  /** baseSize / quantityTick (a float, like `referenceTicks`) */
  readonly baseTicks: number;
  /** per side, the price index nearest the reference: one tick strictly below / above it */
  readonly referenceEdge: Readonly<Record<Side, number>>;
  /** the mainnet book the staircase mirrors; undefined: the configured tiers */
  readonly referenceBook: BookSides | undefined;
  /**
   * The builder for the creates of a plan that also cancels `cancels` (gone when the creates land).
   * The prices of cancelled orders stay taken (a cancel may fail where the create lands), except
   * those of `reprice`: orders cancelled to be placed again at their price with another size (the
   * chain runs a batch's cancels before its creates).
   */
  builder(cancels: readonly AssessedOwnOrder[], reprice?: readonly AssessedOwnOrder[]): OrderBuilder;
  /** The builders made so far, with what each planned and left out. */
  readonly builders: readonly OrderBuilder[];
}

/** Inputs of `createPlanningContext`, validated by `planCycle`. */
export interface PlanningInputs {
  readonly market: Market;
  readonly book: AssessedBook;
  /** the assessment, its own orders without `withdrawn` */
  readonly assessment: BookAssessment;
  /** own orders cancelled whatever the phase plans: gone from the book, their prices not reused */
  readonly withdrawn: readonly AssessedOwnOrder[];
  readonly params: CompiledParams;
  readonly rng: Rng;
  readonly stage: number;
  readonly cycleIndex: number;
  readonly cidPrefix: string;
  readonly balances?: SpotBalances;
  readonly position?: Decimal;
  readonly referenceBook?: BookSides;
}

/** Assembles the planning context: tick grid, reference bounds and the order-builder factory. */
export function createPlanningContext(inputs: PlanningInputs): PlanningContext {
  const { market, assessment, params } = inputs;
  const grid = TickGrid.for(market);
  const cids = new CidSequence(inputs.cidPrefix, inputs.cycleIndex);
  const reference = referenceLimits(grid, assessment.reference);
  const baseTicks = params.baseSize.div(market.quantityTick).toNumber();
  if (!(baseTicks <= MAX_TICKS)) {
    throw new StrategyInputError('OUT_OF_RANGE', 'params.baseSize', 'too many quantity ticks to plan with exact integers');
  }
  const builders: OrderBuilder[] = [];
  return {
    grid,
    params,
    assessment,
    builders,
    rng: inputs.rng,
    stage: inputs.stage % params.maintenance.stages.length,
    referenceTicks: assessment.reference.div(market.priceTick).toNumber(),
    baseTicks,
    referenceEdge: { buy: reference.bidMax, sell: reference.askMin },
    referenceBook: inputs.referenceBook,
    builder(cancels, reprice = []) {
      const gone = [...inputs.withdrawn, ...cancels, ...reprice];
      const cancelled = new Set([...cancels, ...reprice].map((c) => c.order.orderHash));
      const remaining = assessment.ownOrders.filter((o) => !cancelled.has(o.order.orderHash));
      const limits: PriceLimits = {
        reference,
        ...bookLimits(grid, inputs.book, gone),
        own: ownLimits(grid, remaining),
      };
      const budget = createBudget(grid, inputs, remaining);
      const takerUnits = grid.unitsAffordable(params.marketMoving.maxTakerNotionalPerCycle);
      const resized = new Set(reprice);
      const taken = takenIndices(grid, [...assessment.ownOrders.filter((o) => !resized.has(o)), ...inputs.withdrawn]);
      const builder = new OrderBuilder(grid, limits, taken, budget, cids, takerUnits);
      builders.push(builder);
      return builder;
    },
  };
}

/** Strictly below / above the reference. */
function referenceLimits(grid: TickGrid, ref: Decimal): PriceLimits['reference'] {
  const down = grid.priceIndex(ref, 'buy');
  const up = grid.priceIndex(ref, 'sell');
  return down === up ? { bidMax: down - 1, askMin: up + 1 } : { bidMax: down, askMin: up };
}

function ownLimits(grid: TickGrid, remaining: readonly AssessedOwnOrder[]): PriceLimits['own'] {
  let highestBid: Decimal | null = null;
  let lowestAsk: Decimal | null = null;
  for (const own of remaining) {
    if (own.order.side === 'buy') {
      if (!highestBid || own.price.gt(highestBid)) highestBid = own.price;
    } else if (!lowestAsk || own.price.lt(lowestAsk)) lowestAsk = own.price;
  }
  return {
    bidMax: lowestAsk ? grid.indexOf(lowestAsk, 'sell') - 1 : Infinity,
    askMin: highestBid ? grid.indexOf(highestBid, 'buy') + 1 : -Infinity,
  };
}

function bookLimits(
  grid: TickGrid,
  book: AssessedBook,
  cancels: readonly AssessedOwnOrder[],
): Pick<PriceLimits, 'book' | 'bestBidCeil'> {
  const bestBid = bestAfterCancels(book.bids, cancels, 'buy');
  const bestAsk = bestAfterCancels(book.asks, cancels, 'sell');
  return {
    book: {
      bidMax: bestAsk ? grid.priceIndex(bestAsk, 'sell') - 1 : Infinity,
      askMin: bestBid ? grid.priceIndex(bestBid, 'buy') + 1 : -Infinity,
    },
    bestBidCeil: bestBid ? grid.priceIndex(bestBid, 'sell') : 0,
  };
}

/** The best level of one side once the bot's cancelled orders are gone from it. */
function bestAfterCancels(levels: readonly BookLevel[], cancels: readonly AssessedOwnOrder[], side: 'buy' | 'sell'): Decimal | null {
  const first = levels[0];
  if (!first) return null;
  const ours = cancels.filter((c) => c.order.side === side);
  if (ours.length === 0) return new Dec(first.price);
  for (const level of levels) {
    const price = new Dec(level.price);
    let left = new Dec(level.quantity);
    for (const own of ours) if (own.price.eq(price)) left = left.sub(own.quantity);
    if (left.gt(0)) return price;
  }
  return null;
}

/** Price indices of the bot's on-tick open orders, per side. */
function takenIndices(grid: TickGrid, own: readonly AssessedOwnOrder[]): { buy: Set<number>; sell: Set<number> } {
  const taken = { buy: new Set<number>(), sell: new Set<number>() };
  for (const o of own) {
    const k = grid.exactIndex(o.price);
    if (k !== null) taken[o.order.side].add(k);
  }
  return taken;
}

function createBudget(grid: TickGrid, inputs: PlanningInputs, remaining: readonly AssessedOwnOrder[]): OrderBudget {
  if (grid.market.type === 'spot') {
    if (!inputs.balances) throw new StrategyInputError('MISSING_BALANCES', 'balances', 'spot markets need available balances');
    return createSpotBudget(grid, inputs.balances);
  }
  if (!inputs.position) throw new StrategyInputError('MISSING_POSITION', 'position', 'derivative markets need the net position');
  return createPositionBudget(grid, inputs.position, inputs.params.maxNetPosition, remaining);
}

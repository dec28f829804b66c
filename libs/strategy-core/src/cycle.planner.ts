import type Decimal from 'decimal.js';
import type { BookSnapshot, OrderAction, StrategyParams, StrategyPhase } from '@mirrorbook/contracts';
import { toDecimalString, type BookSides, type Market } from '@mirrorbook/market';
import { assess, type BookAssessment } from './book.assessor';
import { pickBudgetRelief } from './budget.relief';
import { foldIntoCancelAll } from './cancel-all.fold';
import { depthTargets } from './depth-curve.planner';
import { maintenanceDueAtMs } from './maintenance.cadence';
import { planMaintenance } from './maintenance.planner';
import { planMarketMoving } from './market-moving.planner';
import type { AssessedOwnOrder, OwnOrder } from './own-order.model';
import type { PhasePlan } from './phase-plan.model';
import { selectPhase } from './phase.selector';
import { withoutNoOps } from './no-op.filter';
import { capOpenOrders } from './open-orders.cap';
import { ownOrdersOnBook } from './own-orders.book-view';
import { splitOutOfBand } from './out-of-band';
import { planActions } from './plan.actions';
import { capPlanSize } from './plan-size.cap';
import { createPlanningContext, type PlanningContext } from './planning.context';
import { planRepricing } from './repricing.planner';
import type { Rng } from './seeded-rng.factory';
import type { SpotBalances } from './spot.budget';
import { planBookBuilding, planCurveUpkeep, planRequote } from './staircase.planner';
import { StrategyInputError } from './strategy-input.error';
import { compileParams } from './strategy-params.compiler';

/** Per (bot, market) state carried from one cycle to the next (kept by the caller, e.g. in Redis). */
export interface CycleState {
  /** planning cycles so far; goes into the cids, so it must only grow */
  readonly index: number;
  /** maintenance depth stage the next maintenance plan uses (taken modulo the number of stages) */
  readonly stage: number;
  /**
   * when the last maintenance (freshening) cycle was planned, ms since epoch; absent: the next
   * maintenance is due at once (docs/architecture.md#cadence)
   */
  readonly maintainedAtMs?: number;
}

/** The state of a bot's first cycle on a market. */
export const initialCycleState: CycleState = Object.freeze({ index: 0, stage: 0 });

/** The parts of a testnet book snapshot planning reads. */
export type PlanningBook = Pick<BookSnapshot, 'bids' | 'asks' | 'orderCount' | 'seq' | 'height'>;

/** Everything one planning cycle depends on; nothing else is read (no clock, no I/O, no global random). */
export interface PlanCycleInput {
  readonly market: Market;
  /** the testnet book */
  readonly book: PlanningBook;
  /** the mainnet reference price (quote per base) and the `seq` of the tick it came from */
  readonly reference: { readonly price: Decimal; readonly seq: number };
  /**
   * the mainnet book (levels within 5 % of its mid) whose depth curve the staircase mirrors ×
   * `depthScale`; absent (no fresh book from the feed): the configured tiers
   */
  readonly referenceBook?: BookSides;
  /** the bot's open orders on this market */
  readonly ownOrders: readonly OwnOrder[];
  /** spot markets: available balances (required) */
  readonly balances?: SpotBalances;
  /** derivative markets: signed net position, base units (contracts), long > 0 (required) */
  readonly position?: Decimal;
  readonly params: StrategyParams;
  /** consumed in a fixed order: the same seed replays the same plan */
  readonly rng: Rng;
  readonly cycle: CycleState;
  /** the planning instant, ms since epoch (order ages are measured against it) */
  readonly nowMs: number;
  /** 1–20 characters of [A-Za-z0-9_-] naming the bot and market; see `CidSequence` */
  readonly cidPrefix: string;
  /** the wallet's fee budget is in its `slow` state: maintenance waits `cadence.slowFactor` times longer (default false) */
  readonly slow?: boolean;
}

/** One cycle's plan for one market. */
export interface CyclePlan {
  readonly phase: StrategyPhase;
  /** cancels first, then creates; empty when nothing needs to change */
  readonly actions: OrderAction[];
  readonly assessment: BookAssessment;
  /** store it and pass it to the next cycle */
  readonly nextCycleState: CycleState;
  /** the inputs the plan was computed from, shaped like a `MarketPlan`'s `basedOn` */
  readonly basedOn: { readonly bookSeq: number; readonly priceSeq: number; readonly referencePrice: string };
  /** why orders were left out, for logs and the dashboard */
  readonly notes: string[];
  /**
   * set when the phase is MAINTENANCE but its interval has not run out: when the next maintenance
   * is due, ms since epoch; the plan then holds only price following (often nothing)
   */
  readonly maintenanceDueAtMs?: number;
}

const PLANNERS: Record<StrategyPhase, (ctx: PlanningContext) => PhasePlan> = {
  MARKET_MOVING: planMarketMoving,
  BOOK_BUILDING: planBookBuilding,
  MAINTENANCE: planMaintenance,
  REPRICING: planRepricing,
};

/**
 * One planning cycle (docs/architecture.md#trading-cycle): assess the testnet book against the reference, pick the phase
 * and plan its creates and cancels. MAINTENANCE runs once per `cadence.maintenanceIntervalS` (×
 * `slowFactor` when `slow`), measured from `cycle.maintainedAtMs` to `nowMs`; until then the cycle
 * only follows the price (docs/architecture.md#cadence). Pure: same input and RNG state, same plan. Throws
 * `StrategyInputError` for input it cannot plan from (bad reference, cid prefix or cycle state,
 * missing balances or position).
 */
export function planCycle(input: PlanCycleInput): CyclePlan {
  validate(input);
  const { market, book, reference, cycle } = input;
  const params = compileParams(input.params);
  const stored = assess(book, reference.price, input.ownOrders, input.nowMs, params.bookBuilding.nearPct);
  const phase = selectPhase(stored, input.params);
  // a book near the reference (gap below maintenance.gapBelowPct) plans the orders as the book shows
  // them, so a level takers ate is placed again next block (the executor drops it only when it
  // reconciles); a book far off keeps the stored ones, which the executor's pre-trade checks count
  // too: its taker orders were refused otherwise, and a 30 % perp gap stayed open
  const nearReference = stored.gapPct !== null && stored.gapPct.abs().lt(params.maintenance.gapBelowPct);
  const assessment = nearReference ? assess(book, reference.price, ownOrdersOnBook(input.ownOrders, book), input.nowMs, params.bookBuilding.nearPct) : stored;
  const basedOn = { bookSeq: book.seq, priceSeq: reference.seq, referencePrice: toDecimalString(reference.price) };
  if (market.status !== 'active') {
    const nextCycleState = { ...cycle, index: cycle.index + 1 };
    return { phase, actions: [], assessment, nextCycleState, basedOn, notes: [`market is ${market.status}: nothing planned`] };
  }
  // orders the reference has left far behind go at once, and the planners never see them;
  // MARKET_MOVING keeps its own schedule (docs/architecture.md#phases: the 8–12 farthest a cycle)
  const { kept, outOfBand } =
    phase === 'MARKET_MOVING' ? { kept: [...assessment.ownOrders], outOfBand: [] } : splitOutOfBand(assessment.ownOrders, params);
  const planWithout = (withdrawn: readonly AssessedOwnOrder[], rng: Rng) => {
    const gone = new Set(withdrawn.map((o) => o.order.orderHash));
    const ctx = createPlanningContext({
      market,
      book,
      assessment: { ...assessment, ownOrders: kept.filter((o) => !gone.has(o.order.orderHash)) },
      withdrawn,
      params,
      rng,
      stage: cycle.stage,
      cycleIndex: cycle.index,
      cidPrefix: input.cidPrefix,
      balances: input.balances,
      position: input.position,
      referenceBook: input.referenceBook,
    });
    return { ctx, plan: planner(ctx), withdrawn };
  };
  // maintenance runs once per interval; in between only the staircase's price following does
  const dueAtMs = maintenanceDueAtMs(cycle.maintainedAtMs, params.cadence, input.slow === true);
  const waiting = phase === 'MAINTENANCE' && input.nowMs < dueAtMs;
  const mirrors = input.referenceBook !== undefined && depthTargets(input.referenceBook, params.depthScale) !== null;
  const planner = waiting ? planRequote : phase === 'MAINTENANCE' && mirrors ? planCurveUpkeep : PLANNERS[phase];
  const draws = replayable(input.rng);
  let pass = planWithout(outOfBand, draws.replay());
  // a second pass without the far orders that held a binding position budget (spot funds freed by
  // cancels are not counted until the next balance read, so only derivatives gain from it)
  const relief = phase === 'MARKET_MOVING' || market.type === 'spot' ? [] : pickBudgetRelief(pass.ctx.grid, kept, pass.plan.actions, pass.ctx.builders);
  if (relief.length > 0) pass = planWithout([...outOfBand, ...relief], draws.replay());
  const { plan, withdrawn } = pass;
  const maintainedAtMs = phase === 'MAINTENANCE' && !waiting ? input.nowMs : cycle.maintainedAtMs;
  const nextCycleState: CycleState = {
    index: cycle.index + 1,
    stage: plan.nextStage ?? cycle.stage,
    ...(maintainedAtMs === undefined ? {} : { maintainedAtMs }),
  };
  const planned = capOpenOrders([...planActions(withdrawn, []), ...plan.actions], assessment.ownOrders, pass.ctx.params.maxOrdersPerSide);
  const sized = capPlanSize(foldIntoCancelAll(withoutNoOps(planned, assessment.ownOrders), assessment.ownOrders), pass.ctx.params.maxActionsPerPlan);
  const actions = sized.actions;
  const notes = relief.length > 0 ? [...plan.notes, `${relief.length} far orders withdrawn: the position budget binds`] : [...plan.notes];
  if (sized.deferred > 0) notes.push(`${sized.deferred} creates left for the next cycle: a plan carries at most ${pass.ctx.params.maxActionsPerPlan} actions`);
  if (!waiting) return { phase, actions, assessment, nextCycleState, basedOn, notes };
  notes.push(`maintenance not due before ${new Date(dueAtMs).toISOString()}: price following only`);
  return { phase, actions, assessment, nextCycleState, basedOn, notes, maintenanceDueAtMs: dueAtMs };
}

/**
 * Records the draws of `rng`, so that a second planning pass consumes the same values in the same
 * order as the first (and any further ones from `rng`): the plan stays a function of the seed.
 */
function replayable(rng: Rng): { replay(): Rng } {
  const drawn: number[] = [];
  return {
    replay() {
      let i = 0;
      return {
        next(): number {
          if (i === drawn.length) drawn.push(rng.next());
          return drawn[i++]!;
        },
      };
    },
  };
}

function validate(input: PlanCycleInput): void {
  const { price } = input.reference;
  if (!price.isFinite() || price.lte(0)) {
    throw new StrategyInputError('INVALID_REFERENCE', 'reference.price', `must be > 0, got ${price.toString()}`);
  }
  const { index, stage, maintainedAtMs } = input.cycle;
  const valid = (n: number) => Number.isSafeInteger(n) && n >= 0;
  if (!valid(index) || !valid(stage) || (maintainedAtMs !== undefined && !valid(maintainedAtMs))) {
    throw new StrategyInputError('INVALID_CYCLE', 'cycle', 'index, stage and maintainedAtMs must be non-negative safe integers');
  }
}

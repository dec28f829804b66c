import type Decimal from 'decimal.js';
import type { StrategyParams } from '@mirrorbook/contracts';
import { Dec } from '@mirrorbook/market';

/** An inclusive range of counts. */
export interface CountRange {
  readonly min: number;
  readonly max: number;
}

/** An inclusive range of plain numbers (percent or fractions of base size). */
export interface NumberRange {
  readonly min: number;
  readonly max: number;
}

/** One book-building tier, spreads in percent. */
export interface CompiledTier {
  readonly name: string;
  readonly spread: NumberRange;
  readonly levels: number;
}

/**
 * `StrategyParams` parsed once into the types the planners compute with: thresholds as Decimal
 * (compared exactly), spreads and size fractions as numbers (they only position targets that are
 * then snapped to whole ticks).
 */
export interface CompiledParams {
  readonly baseSize: Decimal;
  /** mainnet depth × this is the staircase's target depth */
  readonly depthScale: Decimal;
  /** largest depth-curve order, a multiple of baseSize */
  readonly maxOrderSize: number;
  readonly maxNetPosition: Decimal;
  readonly maxOrdersPerSide: number;
  readonly maxActionsPerPlan: number;
  readonly marketMoving: {
    readonly gapAbovePct: Decimal;
    readonly minOrders: number;
    readonly cancelFarthest: CountRange;
    readonly creates: CountRange;
    readonly size: NumberRange;
    readonly spread: NumberRange;
    readonly maxTakerNotionalPerCycle: Decimal;
  };
  readonly bookBuilding: {
    readonly minTotalOrders: number;
    readonly minNearOrders: number;
    readonly nearPct: Decimal;
    readonly maxSpreadPct: Decimal;
    readonly sizeJitter: NumberRange;
    readonly tiers: readonly CompiledTier[];
  };
  readonly maintenance: {
    readonly gapBelowPct: Decimal;
    readonly perSide: CountRange;
    readonly size: NumberRange;
    readonly cancelOldest: CountRange;
    readonly stages: readonly NumberRange[];
  };
  readonly cadence: {
    /** fraction of a level's distance to the reference an order may be off its target and still count as that level */
    readonly requoteTolerance: number;
    /** fraction of a depth band's planned notional its held orders may be off before they are placed again */
    readonly depthTolerance: number;
    /** ms between maintenance (freshening) cycles */
    readonly maintenanceIntervalMs: number;
    /** the interval's multiplier while the wallet's fee budget is slow */
    readonly slowFactor: number;
  };
}

// Params objects are parsed once per bot and reused every cycle: compile each object once.
const compiled = new WeakMap<StrategyParams, CompiledParams>();

/** The compiled form of `params`, cached per params object. */
export function compileParams(params: StrategyParams): CompiledParams {
  let result = compiled.get(params);
  if (!result) {
    result = compile(params);
    compiled.set(params, result);
  }
  return result;
}

function compile(p: StrategyParams): CompiledParams {
  const numbers = (r: { min: string; max: string }): NumberRange => ({ min: Number(r.min), max: Number(r.max) });
  return {
    baseSize: new Dec(p.baseSize),
    depthScale: new Dec(p.depthScale),
    maxOrderSize: Number(p.maxOrderSize),
    maxNetPosition: new Dec(p.maxNetPosition),
    maxOrdersPerSide: p.maxOrdersPerSide,
    maxActionsPerPlan: p.maxActionsPerPlan,
    marketMoving: {
      gapAbovePct: new Dec(p.marketMoving.gapAbovePct),
      minOrders: p.marketMoving.minOrders,
      cancelFarthest: p.marketMoving.cancelFarthest,
      creates: p.marketMoving.creates,
      size: numbers(p.marketMoving.size),
      spread: numbers(p.marketMoving.spread),
      maxTakerNotionalPerCycle: new Dec(p.marketMoving.maxTakerNotionalPerCycle),
    },
    bookBuilding: {
      minTotalOrders: p.bookBuilding.minTotalOrders,
      minNearOrders: p.bookBuilding.minNearOrders,
      nearPct: new Dec(p.bookBuilding.nearPct),
      maxSpreadPct: new Dec(p.bookBuilding.maxSpreadPct),
      sizeJitter: numbers(p.bookBuilding.sizeJitter),
      tiers: p.bookBuilding.tiers.map((t) => ({ name: t.name, spread: numbers(t.spread), levels: t.levels })),
    },
    maintenance: {
      gapBelowPct: new Dec(p.maintenance.gapBelowPct),
      perSide: p.maintenance.perSide,
      size: numbers(p.maintenance.size),
      cancelOldest: p.maintenance.cancelOldest,
      stages: p.maintenance.stages.map(numbers),
    },
    cadence: {
      requoteTolerance: Number(p.cadence.requoteTolerance),
      depthTolerance: Number(p.cadence.depthTolerance),
      maintenanceIntervalMs: p.cadence.maintenanceIntervalS * 1000,
      slowFactor: p.cadence.slowFactor,
    },
  };
}

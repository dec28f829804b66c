import Decimal from 'decimal.js';
import { z } from 'zod';
import { decimalString, positiveDecimalString } from './primitives';
import { timeSanity } from './time-sanity';

/**
 * Upper bounds of the strategy parameters (docs/architecture.md#strategy-parameters), for config
 * files and live edits alike: planning loops over levels and orders, so an unbounded count blocks
 * the strategy's event loop for every bot.
 */
export const strategyParamBounds = {
  /** every decimal string parameter */
  decimalChars: 40,
  /** every percentage: spreads, gaps, distances */
  percent: '100',
  /** size ranges, as fractions of baseSize */
  sizeFraction: '10',
  /** size jitter, as a fraction */
  sizeJitter: '1',
  /** base units per order (contracts for derivatives), per market */
  baseSize: '1000000',
  /** base units */
  maxNetPosition: '100000000',
  /** quote units */
  maxTakerNotionalPerCycle: '100000000',
  leverage: '100',
  /** the share of mainnet depth the testnet book carries */
  depthScale: '100',
  /** price levels per side of one staircase tier */
  levelsPerTier: 100,
  tiers: 20,
  stages: 20,
  /** maxOrdersPerSide, and every count of orders placed or cancelled per cycle */
  ordersPerSide: 500,
  /** order-count thresholds of the phase selection */
  orderThreshold: 10_000,
  /** creates and cancels of one plan: the executor's own per-intent limit cannot be set above this */
  actionsPerPlan: 170,
  /** the executor refuses intents that live longer (`timeSanity.maxIntentTtlMs`) */
  intentTtlMs: timeSanity.maxIntentTtlMs,
} as const;

const B = strategyParamBounds;

/** Whether decimal string `s` is at most `max`; true for a string that is no decimal (its own issue says so). */
function decimalAtMost(s: string, max: string): boolean {
  try {
    return new Decimal(s).lte(max);
  } catch {
    return true;
  }
}

/** Whether both are decimal strings (a comparison of anything else says nothing). */
function decimalStringValid(...values: string[]): boolean {
  return values.every((v) => decimalString.safeParse(v).success);
}

/** A decimal string parameter of at most `strategyParamBounds.decimalChars` characters and at most `max`. */
function boundedDecimal(max: string, base: z.ZodType<string> = decimalString) {
  return z
    .string()
    .max(B.decimalChars, `must be at most ${B.decimalChars} characters`)
    .pipe(base)
    .refine((s) => decimalAtMost(s, max), `must be at most ${max}`);
}

const boundedCount = (max: number) => z.number().int().nonnegative().max(max, `must be at most ${max}`);

/** An inclusive range of decimals up to `max`, e.g. percent `{ min: "0.01", max: "0.05" }` = 0.01 %–0.05 %. */
const decimalRange = (max: string) =>
  z
    .object({ min: boundedDecimal(max), max: boundedDecimal(max) })
    .strict()
    .refine((r) => !decimalStringValid(r.min, r.max) || decimalAtMost(r.min, r.max), 'min must not exceed max');

const percentRange = decimalRange(B.percent);

const countRange = z
  .object({ min: boundedCount(B.ordersPerSide), max: boundedCount(B.ordersPerSide) })
  .strict()
  .refine((r) => r.min <= r.max, 'min must not exceed max');

/** One tier of the book-building staircase. */
const tierSchema = z
  .object({
    name: z.string().min(1).max(B.decimalChars),
    /** distance from the reference price, percent */
    spread: percentRange,
    /** price levels per side in this tier */
    levels: z.number().int().positive().max(B.levelsPerTier, `must be at most ${B.levelsPerTier}`),
  })
  .strict();

/**
 * Every number of the trading cycle (docs/architecture.md#strategy-parameters) as a parameter; the defaults are the seed's. Percentages are
 * percent (0.5 = 0.5 %); sizes are fractions of `baseSize`.
 */
export const strategyParamsSchema = z
  .object({
    /** order size unit, base units (contracts for derivatives) */
    baseSize: boundedDecimal(B.baseSize, positiveDecimalString).default('1'),
    /**
     * the share of the mainnet book's depth the staircase carries (docs/architecture.md#depth-curve):
     * its cumulative quote depth within each band of `QUALITY_BANDS_BPS` is mainnet's × this,
     * capped by the wallet's funds; a plain factor (1 = as deep as mainnet)
     */
    depthScale: boundedDecimal(B.depthScale, positiveDecimalString).default('1'),
    /**
     * largest order of the depth curve, a multiple of baseSize: keep it at most the executor's
     * EXEC_MAX_ORDER_SIZE_MULTIPLE (10), which refuses larger orders; a band needing more gets more levels
     */
    maxOrderSize: boundedDecimal(B.sizeFraction, positiveDecimalString).default('10'),
    marketMoving: z
      .object({
        /** enter when |gap| exceeds this, percent */
        gapAbovePct: boundedDecimal(B.percent).default('15'),
        /** …and the book holds more than this many orders */
        minOrders: boundedCount(B.orderThreshold).default(30),
        cancelFarthest: countRange.default({ min: 8, max: 12 }),
        creates: countRange.default({ min: 6, max: 10 }),
        /** size as a fraction of baseSize */
        size: decimalRange(B.sizeFraction).default({ min: '0.5', max: '1' }),
        /** distance from the reference, percent */
        spread: percentRange.default({ min: '0.1', max: '1' }),
        /** cap on the notional that may take liquidity per cycle, quote units */
        maxTakerNotionalPerCycle: boundedDecimal(B.maxTakerNotionalPerCycle).default('5000'),
      })
      .strict()
      .default({}),
    bookBuilding: z
      .object({
        /** enter when the book holds fewer orders than this */
        minTotalOrders: boundedCount(B.orderThreshold).default(50),
        /** …or fewer than this many within `nearPct` of the reference */
        minNearOrders: boundedCount(B.orderThreshold).default(20),
        /** "near the price", percent */
        nearPct: boundedDecimal(B.percent).default('5'),
        /**
         * …or, with the gap in the maintenance band, when the book's spread is wider than this,
         * percent of the reference: maintenance cancels the oldest orders, which are the
         * staircase's tight levels, so without a refill the spread only ever widens
         */
        maxSpreadPct: boundedDecimal(B.percent).default('0.2'),
        /** size variation, fraction (0.1–0.15 = ±10–15 %) */
        sizeJitter: decimalRange(B.sizeJitter).default({ min: '0.1', max: '0.15' }),
        tiers: z
          .array(tierSchema)
          .min(1)
          .max(B.tiers)
          .default([
            { name: 'micro', spread: { min: '0.01', max: '0.05' }, levels: 5 },
            { name: 'very-tight', spread: { min: '0.05', max: '0.1' }, levels: 6 },
            { name: 'tight', spread: { min: '0.1', max: '0.5' }, levels: 5 },
            { name: 'medium', spread: { min: '0.5', max: '1' }, levels: 4 },
            { name: 'wide', spread: { min: '1', max: '2' }, levels: 4 },
            { name: 'deep', spread: { min: '2', max: '5' }, levels: 3 },
          ]),
      })
      .strict()
      .default({}),
    maintenance: z
      .object({
        /** stay in maintenance while |gap| is below this, percent */
        gapBelowPct: boundedDecimal(B.percent).default('2'),
        perSide: countRange.default({ min: 5, max: 8 }),
        size: decimalRange(B.sizeFraction).default({ min: '0.2', max: '0.5' }),
        cancelOldest: countRange.default({ min: 4, max: 6 }),
        /** depth stages cycled through, distance from the reference, percent */
        stages: z
          .array(percentRange)
          .min(1)
          .max(B.stages)
          .default([
            { min: '0.5', max: '1.5' },
            { min: '1.5', max: '3' },
            { min: '3', max: '5' },
            { min: '5', max: '8' },
          ]),
      })
      .strict()
      .default({}),
    /** how often the bot trades when nothing forces it (docs/architecture.md#cadence) */
    cadence: z
      .object({
        /**
         * an order whose target price moved less than this fraction of its distance to the
         * reference (and less than one tick) is left alone
         */
        requoteTolerance: boundedDecimal('1').default('0.5'),
        /**
         * following the mainnet book: the held orders of a depth band whose notional is off the
         * depth curve's by more than this fraction of it are placed again at the curve's sizes
         */
        depthTolerance: boundedDecimal('10').default('0.25'),
        /** seconds between maintenance (freshening) cycles while the reference stays within the tolerance */
        maintenanceIntervalS: z.number().int().nonnegative().max(3600, 'must be at most 3600').default(20),
        /** the interval is multiplied by this while the wallet's fee budget is in its `slow` state */
        slowFactor: z.number().int().min(1).max(100, 'must be at most 100').default(3),
      })
      .strict()
      .default({}),
    /** the wallet's fee budget (docs/architecture.md#fee-budget); the executor's configured value caps a live edit */
    feeBudget: z
      .object({
        /** INJ a day the bot's wallet may spend in fees; resets at 00:00 UTC */
        dailyInj: boundedDecimal('1000000', positiveDecimalString).default('5'),
        /** percent of `dailyInj` from which the bot slows down (`cadence.slowFactor`) */
        slowAtPct: z.number().int().min(1).max(100, 'must be at most 100').default(80),
      })
      .strict()
      .default({}),
    /** most resting orders of the bot per side and market; the oldest beyond it are cancelled */
    maxOrdersPerSide: z.number().int().positive().max(B.ordersPerSide, `must be at most ${B.ordersPerSide}`).default(40),
    /** most creates and cancels one plan carries (keep it at most the executor's EXEC_MAX_ACTIONS_PER_INTENT, which refuses larger intents); creates beyond it wait for the next cycle */
    maxActionsPerPlan: z.number().int().positive().max(B.actionsPerPlan, `must be at most ${B.actionsPerPlan}`).default(150),
    /** derivatives: margin = notional / leverage */
    leverage: boundedDecimal(B.leverage, positiveDecimalString).default('2'),
    /** derivatives: cap on |net position|, base units */
    maxNetPosition: boundedDecimal(B.maxNetPosition).default('100'),
    /** intents expire this long after planning, ms */
    intentTtlMs: z.number().int().positive().max(B.intentTtlMs, `must be at most ${B.intentTtlMs} (the executor refuses longer-lived intents)`).default(3000),
  })
  .strict()
  .superRefine((p, ctx) => {
    // the phases are bands of |gap|: maintenance below its gap, market moving above its own
    const below = p.maintenance?.gapBelowPct;
    const above = p.marketMoving?.gapAbovePct;
    if (typeof below === 'string' && typeof above === 'string' && decimalAtMost(above, below) && decimalStringValid(below, above)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['maintenance', 'gapBelowPct'], message: `must be below marketMoving.gapAbovePct (${above})` });
    }
  });

export type StrategyParams = z.infer<typeof strategyParamsSchema>;
/** Overrides as stored and sent: any nested subset of the parameters, validated once merged. */
export const strategyParamsOverrideSchema = z.record(z.string(), z.unknown());
export type StrategyParamsOverride = z.infer<typeof strategyParamsOverrideSchema>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  // no prototype: a `__proto__` key of parsed JSON stays a key (which the strict schema refuses)
  // instead of becoming the prototype that the schema would read values through
  const merged: Record<string, unknown> = Object.assign(Object.create(null) as Record<string, unknown>, base);
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return merged;
}

/**
 * The parameters in force: defaults, then each override layer in order (market, then bot, then
 * live edits); arrays are replaced, objects merged. Throws a ZodError naming the bad field.
 */
export function resolveStrategyParams(...layers: StrategyParamsOverride[]): StrategyParams {
  return strategyParamsSchema.parse(layerStrategyParams(...layers));
}

/**
 * Override layers folded into one override, as `resolveStrategyParams` folds them (arrays
 * replaced, objects merged); not validated, no defaults filled in.
 */
export function layerStrategyParams(...layers: StrategyParamsOverride[]): StrategyParamsOverride {
  return layers.reduce<Record<string, unknown>>((acc, layer) => deepMerge(acc, layer), {});
}

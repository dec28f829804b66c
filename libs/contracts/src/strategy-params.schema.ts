import { z } from 'zod';
import { decimalString, positiveDecimalString } from './primitives';

/** An inclusive range of percentages, e.g. `{ min: "0.01", max: "0.05" }` = 0.01 %–0.05 %. */
const percentRange = z
  .object({ min: decimalString, max: decimalString })
  .strict()
  .refine((r) => Number(r.min) <= Number(r.max), 'min must not exceed max');

const countRange = z
  .object({ min: z.number().int().nonnegative(), max: z.number().int().nonnegative() })
  .strict()
  .refine((r) => r.min <= r.max, 'min must not exceed max');

/** One tier of the book-building staircase. */
const tierSchema = z
  .object({
    name: z.string().min(1),
    /** distance from the reference price, percent */
    spread: percentRange,
    /** price levels per side in this tier */
    levels: z.number().int().positive(),
  })
  .strict();

/**
 * Every number of the trading cycle (docs/architecture.md#strategy-parameters) as a parameter; the defaults are the seed's. Percentages are
 * percent (0.5 = 0.5 %); sizes are fractions of `baseSize`.
 */
export const strategyParamsSchema = z
  .object({
    /** order size unit, base units (contracts for derivatives) */
    baseSize: positiveDecimalString.default('1'),
    marketMoving: z
      .object({
        /** enter when |gap| exceeds this, percent */
        gapAbovePct: decimalString.default('15'),
        /** …and the book holds more than this many orders */
        minOrders: z.number().int().nonnegative().default(30),
        cancelFarthest: countRange.default({ min: 8, max: 12 }),
        creates: countRange.default({ min: 6, max: 10 }),
        /** size as a fraction of baseSize */
        size: percentRange.default({ min: '0.5', max: '1' }),
        /** distance from the reference, percent */
        spread: percentRange.default({ min: '0.1', max: '1' }),
        /** cap on the notional that may take liquidity per cycle, quote units */
        maxTakerNotionalPerCycle: decimalString.default('5000'),
      })
      .strict()
      .default({}),
    bookBuilding: z
      .object({
        /** enter when the book holds fewer orders than this */
        minTotalOrders: z.number().int().nonnegative().default(50),
        /** …or fewer than this many within `nearPct` of the reference */
        minNearOrders: z.number().int().nonnegative().default(20),
        /** "near the price", percent */
        nearPct: decimalString.default('5'),
        /**
         * …or, with the gap in the maintenance band, when the book's spread is wider than this,
         * percent of the reference: maintenance cancels the oldest orders, which are the
         * staircase's tight levels, so without a refill the spread only ever widens
         */
        maxSpreadPct: decimalString.default('0.2'),
        /** size variation, fraction (0.1–0.15 = ±10–15 %) */
        sizeJitter: percentRange.default({ min: '0.1', max: '0.15' }),
        tiers: z
          .array(tierSchema)
          .min(1)
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
        gapBelowPct: decimalString.default('2'),
        perSide: countRange.default({ min: 5, max: 8 }),
        size: percentRange.default({ min: '0.2', max: '0.5' }),
        cancelOldest: countRange.default({ min: 4, max: 6 }),
        /** depth stages cycled through, distance from the reference, percent */
        stages: z
          .array(percentRange)
          .min(1)
          .default([
            { min: '0.5', max: '1.5' },
            { min: '1.5', max: '3' },
            { min: '3', max: '5' },
            { min: '5', max: '8' },
          ]),
      })
      .strict()
      .default({}),
    /** most resting orders of the bot per side and market; the oldest beyond it are cancelled */
    maxOrdersPerSide: z.number().int().positive().default(40),
    /** derivatives: margin = notional / leverage */
    leverage: positiveDecimalString.default('2'),
    /** derivatives: cap on |net position|, base units */
    maxNetPosition: decimalString.default('100'),
    /** intents expire this long after planning, ms */
    intentTtlMs: z.number().int().positive().default(3000),
  })
  .strict();

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
  const merged = layers.reduce<Record<string, unknown>>((acc, layer) => deepMerge(acc, layer), {});
  return strategyParamsSchema.parse(merged);
}

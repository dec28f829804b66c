import { z } from 'zod';

// Every knob of the sim's exchange module: price process, synthetic "mainnet" depth, synthetic
// testnet takers, testnet initial state, internal subaccounts. Decimal amounts are strings (they
// become decimals); rates and probabilities that only steer the random source are numbers.

const decimalString = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a plain non-negative decimal string, e.g. "12.5"');
const positiveDecimalString = decimalString.refine((s) => /[1-9]/.test(s), 'must be greater than zero');
const subaccountId = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, 'must be a subaccount id: 0x + 40 hex digits of address + 24 of nonce')
  .transform((s) => s.toLowerCase());

/** Replay of recorded candles instead of a random walk. */
export const candleReplaySchema = z.object({
  /** path of a candle file: CSV with or without a header, or JSON rows (formats: `parseCandles`; read at start by `readCandleFile`) */
  file: z.string().min(1),
  /** blocks per candle: the price moves from open to close over this many blocks; default 10 */
  blocksPerCandle: z.number().int().positive().default(10),
  /** start over after the last candle (else hold its close); default true */
  loop: z.boolean().default(true),
});

/** The "mainnet" price of one pair: a geometric random walk with jumps, or a candle replay. */
export const priceProcessSchema = z.object({
  /** `random-walk` (default) or `replay` (needs `replay`) */
  mode: z.enum(['random-walk', 'replay']).default('random-walk'),
  /** quote units per base unit at block 0 (random walk); default "10" */
  startPrice: positiveDecimalString.default('10'),
  /** expected log return per block; default 0 */
  driftPerBlock: z.number().finite().default(0),
  /** standard deviation of the log return per block; default 0.0002 (≈ 7 %/day at 0.7 s blocks) */
  volatilityPerBlock: z.number().finite().nonnegative().default(0.0002),
  /** probability of a jump in one block; default 0.001 */
  jumpProbabilityPerBlock: z.number().min(0).max(1).default(0.001),
  /** standard deviation of a jump's log size; default 0.01 (1 %) */
  jumpSigma: z.number().finite().nonnegative().default(0.01),
  replay: candleReplaySchema.optional(),
});

/** The testnet oracle (mark price) of a derivative pair: follows the "mainnet" price with a lag and noise. */
export const oracleSchema = z.object({
  /** fraction of the gap to the "mainnet" price the mark closes each block (1 = no lag); default 0.5 */
  lag: z.number().gt(0).max(1).default(0.5),
  /** standard deviation of the mark's log move per block on top of the lag; default 0.0001 */
  noisePerBlock: z.number().finite().nonnegative().max(0.1).default(0.0001),
});

/** A ladder of resting orders around a reference price, both sides. */
export const depthLadderSchema = z.object({
  /** price levels per side; default 20 */
  levelsPerSide: z.number().int().min(1).max(200).default(20),
  /** best ask − best bid as a fraction of the reference; default 0.0005 (0.05 %) */
  spread: z.number().positive().max(0.5).default(0.0005),
  /** each level's distance from the reference is the previous one's × this (geometric); default 1.25 */
  levelGrowth: z.number().min(1).max(10).default(1.25),
  /** base units (contracts) at the first level; default "5" */
  baseQuantity: positiveDecimalString.default('5'),
  /** each level's size is the previous one's × this; default 1.1 */
  sizeGrowth: z.number().min(0.1).max(10).default(1.1),
  /** sizes vary uniformly by ± this fraction; default 0.3 */
  sizeJitter: z.number().min(0).max(0.95).default(0.3),
});

/** Synthetic resting depth on the "mainnet" market of a pair, replaced every block. */
export const syntheticDepthSchema = depthLadderSchema.extend({
  /**
   * default 24: with the default spread and growth the outermost level sits ≈ 4.2 % from the
   * reference, so every depth band a bot mirrors (out to 5 %) holds mainnet depth, as on a real book
   */
  levelsPerSide: z.number().int().min(1).max(200).default(24),
  /** default true */
  enabled: z.boolean().default(true),
});

/** Synthetic paper traders on the "testnet" market of a pair. */
export const syntheticTakersSchema = z.object({
  /** mean number of taker orders per block (Poisson); 0 = off (default) */
  lambdaPerBlock: z.number().min(0).max(100).default(0),
  /** smallest taker order, base units (contracts); default "0.1" */
  minQuantity: positiveDecimalString.default('0.1'),
  /** largest taker order, base units (contracts); default "1" */
  maxQuantity: positiveDecimalString.default('1'),
  /** the limit price goes this fraction through the best opposite price; default 0.005 */
  slippage: z.number().min(0).max(0.5).default(0.005),
});

/** What the "testnet" market of a pair holds before any bot acts. */
export const testnetInitialStateSchema = z.discriminatedUnion('kind', [
  /** no resting orders */
  z.object({ kind: z.literal('empty') }),
  /** resting orders of an internal "legacy" subaccount around mainnet × (1 + offset) */
  z.object({
    kind: z.literal('mispriced'),
    /** fraction: 0.2 = testnet book centred 20 % above the mainnet start price, −0.2 = 20 % below */
    offset: z.number().gt(-0.95).lt(10).default(0.2),
    ladder: depthLadderSchema.default({ levelsPerSide: 20, spread: 0.002, levelGrowth: 1.15 }),
  }),
]);

/** Settings of one pair (its mainnet and testnet markets). */
export const pairSimSchema = z.object({
  price: priceProcessSchema.default({}),
  depth: syntheticDepthSchema.default({}),
  takers: syntheticTakersSchema.default({}),
  testnetInitial: testnetInitialStateSchema.default({ kind: 'empty' }),
  oracle: oracleSchema.default({}),
});

/** Per-pair overrides: only the fields given replace the defaults. */
const pairOverrideSchema = z.object({
  price: priceProcessSchema.partial().optional(),
  depth: syntheticDepthSchema.partial().optional(),
  takers: syntheticTakersSchema.partial().optional(),
  testnetInitial: testnetInitialStateSchema.optional(),
  oracle: oracleSchema.partial().optional(),
});

/** Subaccounts the sim trades with itself; never used by a bot. */
export const internalSubaccountsSchema = z.object({
  /** owns the synthetic mainnet depth */
  marketMaker: subaccountId.default(`0x${'a1'.repeat(20)}${'0'.repeat(24)}`),
  /** owns the mispriced testnet orders */
  legacy: subaccountId.default(`0x${'b1'.repeat(20)}${'0'.repeat(24)}`),
  /** address (40 hex digits, no 0x) of the taker subaccounts; nonces 0..takerCount−1 */
  takerAddress: z
    .string()
    .regex(/^[0-9a-fA-F]{40}$/, 'must be 40 hex digits')
    .transform((s) => s.toLowerCase())
    .default('c1'.repeat(20)),
  /** how many taker subaccounts share the load; default 3 */
  takerCount: z.number().int().min(1).max(100).default(3),
  /** balance of every denom the internal subaccounts hold, topped up each block; default "1000000000000" */
  funding: positiveDecimalString.default('1000000000000'),
});

/**
 * The sim exchange's configuration. `pairs` keys name a pair by ticker (`INJ/USDT`,
 * `INJ/USDT PERP`) or market key (`inj-usdt`, `inj-usdt-perp`), matched case-insensitively; a pair
 * not listed uses `defaults`.
 */
export const simExchangeConfigSchema = z
  .object({
    /** seed of every random draw of the exchange module; absent: the caller's seed, else "mirrorbook" (see `SimExchange`) */
    seed: z.union([z.string().min(1), z.number().int()]).optional(),
    defaults: pairSimSchema.default({}),
    pairs: z.record(z.string(), pairOverrideSchema).default({}),
    internal: internalSubaccountsSchema.default({}),
  })
  .superRefine((config, ctx) => {
    const check = (mode: string | undefined, replay: unknown, path: (string | number)[]): void => {
      if (mode === 'replay' && replay === undefined) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: 'mode "replay" needs price.replay.file' });
      }
    };
    check(config.defaults.price.mode, config.defaults.price.replay, ['defaults', 'price', 'replay']);
    for (const [key, pair] of Object.entries(config.pairs)) {
      const mode = pair.price?.mode ?? config.defaults.price.mode;
      check(mode, pair.price?.replay ?? config.defaults.price.replay, ['pairs', key, 'price', 'replay']);
    }
  });

/** The parsed configuration (defaults filled in). */
export type SimExchangeConfig = z.infer<typeof simExchangeConfigSchema>;
/** The configuration as written (every field optional). */
export type SimExchangeConfigInput = z.input<typeof simExchangeConfigSchema>;
/** The effective settings of one pair. */
export type PairSimSettings = z.infer<typeof pairSimSchema>;
export type PriceProcessSettings = z.infer<typeof priceProcessSchema>;
export type OracleSettings = z.infer<typeof oracleSchema>;
export type DepthLadderSettings = z.infer<typeof depthLadderSchema>;
export type SyntheticDepthSettings = z.infer<typeof syntheticDepthSchema>;
export type SyntheticTakersSettings = z.infer<typeof syntheticTakersSchema>;
export type TestnetInitialState = z.infer<typeof testnetInitialStateSchema>;
export type InternalSubaccounts = z.infer<typeof internalSubaccountsSchema>;

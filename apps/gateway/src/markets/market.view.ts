import { z } from 'zod';
import { decimalString, epochMs, feedStatusSchema, hex32, marketKey, marketQualitySchema, network, positiveDecimalString, signedDecimalString } from '@mirrorbook/contracts';

/** The latest price of one side of a pair. */
export const priceSummarySchema = z.object({
  net: network,
  /** the price the bots follow, quote per base */
  mid: positiveDecimalString,
  bid: positiveDecimalString.nullable(),
  ask: positiveDecimalString.nullable(),
  last: positiveDecimalString.nullable(),
  /** when the feed read it, ms since epoch */
  ts: epochMs,
  seq: z.number().int().nonnegative(),
});

/**
 * Resting liquidity of the trading book within `pct` % of the centre price: the levels priced in
 * [center × (1 − pct/100), center × (1 + pct/100)], both edges inclusive, on both sides (the
 * measure of `depthWithin` in libs/market, the same `mirrorbook compare` reports).
 */
export const depthBandSchema = z.object({
  /** percent */
  pct: decimalString,
  /** bid price levels inside the band */
  bidLevels: z.number().int().nonnegative(),
  /** ask price levels inside the band */
  askLevels: z.number().int().nonnegative(),
  /** Σ quantity of the bids inside the band, base units (not the depth measure: see bidNotional) */
  bidQuantity: decimalString,
  /** Σ quantity of the asks inside the band, base units (not the depth measure: see askNotional) */
  askQuantity: decimalString,
  /** the bid depth: Σ price × quantity of the bids inside the band, quote units, decimal string */
  bidNotional: decimalString,
  /** the ask depth: Σ price × quantity of the asks inside the band, quote units, decimal string */
  askNotional: decimalString,
});

/** The latest trading book summarised around the reference price. */
export const depthSchema = z.object({
  /** which price the bands are measured from */
  around: z.enum(['reference', 'trading']),
  /** that price, quote per base */
  center: positiveDecimalString,
  bands: z.array(depthBandSchema),
  /** price levels in the book, both sides */
  orderCount: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  ts: epochMs,
  seq: z.number().int().nonnegative(),
});

/** One configured market pair with its latest prices, gap, depth and feed health (`GET /api/markets`). */
export const marketViewSchema = z.object({
  key: marketKey,
  type: z.enum(['spot', 'derivative']),
  enabled: z.boolean(),
  mainnetMarketId: hex32,
  testnetMarketId: hex32,
  /** the mainnet price the bots follow */
  reference: priceSummarySchema.nullable(),
  /** the testnet price they quote around */
  trading: priceSummarySchema.nullable(),
  /** (trading − reference) / reference, percent, 4 decimals */
  gapPct: signedDecimalString.nullable(),
  direction: z.enum(['above', 'below', 'level']).nullable(),
  depth: depthSchema.nullable(),
  /** the feed's last status message */
  feed: feedStatusSchema.nullable(),
  /** the latest `md.quality.<mk>` figures (rolling window; libs/market `rollingBookQuality`); null before the first */
  quality: marketQualitySchema.nullable(),
  /** the depthScale of the bot parameters on this market, decimal string; null when they have none (depth compared 1 : 1) */
  depthScale: positiveDecimalString.nullable(),
  /** bots quoting on this market */
  bots: z.array(z.string()),
});

export type PriceSummary = z.infer<typeof priceSummarySchema>;
export type DepthBandView = z.infer<typeof depthBandSchema>;
export type MarketView = z.infer<typeof marketViewSchema>;

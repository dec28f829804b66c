import { z } from 'zod';
import { decimalString, epochMs, marketKey, positiveDecimalString, safeCount } from '../primitives';

/** A ratio per side; null when nothing in the window knew it. */
const sideRatioSchema = z
  .object({
    /** testnet ÷ (mainnet × depthScale) on the bid side, decimal string */
    bids: decimalString.nullable(),
    /** the same on the ask side, decimal string */
    asks: decimalString.nullable(),
  })
  .strict();

/** Depth ratio of one band. */
export const qualityBandSchema = z
  .object({
    /** the band: within this many bps of each book's own mid, edges included */
    bandBps: z.number().int().positive(),
    /** mean over the window's snapshots of testnet depth ÷ (mainnet depth × depthScale), quote notional, per side */
    depthRatio: sideRatioSchema,
  })
  .strict();

/**
 * How closely a pair's testnet book mirrored its mainnet book over a rolling window
 * (`md.quality.<mk>`; figures as libs/market `rollingBookQuality` defines them).
 */
export const marketQualitySchema = z
  .object({
    v: z.literal(1),
    market: marketKey,
    /** length of the rolling window the figures cover, ms */
    windowMs: z.number().int().positive(),
    /** end of the window, ms since epoch */
    ts: epochMs,
    /** snapshots taken inside the window */
    samples: safeCount,
    /** the share of mainnet depth the testnet book is meant to carry (a depth ratio of 1 meets it), decimal string */
    depthScale: positiveDecimalString,
    /** the Open Liquidity Program thresholds the uptime was measured with */
    rule: z
      .object({
        /** largest distance of a counted order from the testnet mid, bps */
        maxSpreadBps: positiveDecimalString,
        /** smallest notional per side (aggregate) or per order, quote units */
        minDepth: decimalString,
      })
      .strict(),
    figures: z
      .object({
        /** √(mean of (|testnet mid − mainnet mid| ÷ mainnet mid)²) over the window, bps; null without both mids */
        trackingErrorRmsBps: decimalString.nullable(),
        /** testnet spread ÷ mainnet spread (each in bps of its own mid), time-weighted; null when unknown */
        spreadRatio: decimalString.nullable(),
        /** one entry per band (10, 25, 50, 100, 200, 500 bps), narrowest first */
        depth: z.array(qualityBandSchema),
        /** % of the window with two-sided uptime, time-weighted; null without the bot's orders */
        uptimePct: z
          .object({
            /** each side's orders within maxSpreadBps sum to at least minDepth */
            aggregate: decimalString.nullable(),
            /** each side has one order within maxSpreadBps of at least minDepth */
            perOrder: decimalString.nullable(),
          })
          .strict(),
      })
      .strict(),
  })
  .strict();

export type QualityBand = z.infer<typeof qualityBandSchema>;
export type MarketQuality = z.infer<typeof marketQualitySchema>;

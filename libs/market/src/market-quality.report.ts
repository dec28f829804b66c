import type Decimal from 'decimal.js';
import type { MarketQuality } from '@mirrorbook/contracts';
import type { RollingBookQuality, QualitySample } from './book-quality.window';
import { bookQuality } from './book.quality';
import { midPrice, type BookSides } from './book.metrics';
import { Dec, type DecimalValue } from './decimal.config';
import { toDecimalString } from './decimal.format';
import { twoSidedUptime, type OlpRule, type OwnOrder } from './olp.uptime';

// The bridge from the quality measures (book.quality, olp.uptime, book-quality.window) to what
// the gateway publishes on `md.quality.<mk>`, `mirrorbook compare` prints and the fidelity
// report tabulates: one way to take a sample and one way to write the figures down.

/** What one snapshot of a pair is measured from. */
export interface QualityInputs {
  /** the testnet (trading) book */
  readonly testnet: BookSides;
  /** the mainnet (reference) book */
  readonly mainnet: BookSides;
  /** the bots' own resting orders on the testnet market; null when they could not be read */
  readonly orders: readonly OwnOrder[] | null;
  readonly rule: OlpRule;
  /** the share of mainnet depth the testnet book is meant to carry (> 0) */
  readonly depthScale: DecimalValue;
  /** when the snapshot was taken, ms */
  readonly ts: number;
}

/**
 * One snapshot's sample for a `BookQualityWindow`: `bookQuality` of the two books and
 * `twoSidedUptime` of the bots' orders around the testnet mid (null without the orders).
 */
export function qualitySample(inputs: QualityInputs): QualitySample {
  const { testnet, mainnet, orders, rule, depthScale, ts } = inputs;
  return {
    ts,
    quality: bookQuality(testnet, mainnet, { depthScale }),
    uptime: orders === null ? null : twoSidedUptime(orders, midPrice(testnet), rule),
  };
}

/** The `md.quality.<mk>` payload of rolling figures: decimal strings, null where unknown. */
export function marketQualityPayload(
  market: string,
  figures: RollingBookQuality,
  context: { readonly ts: number; readonly rule: OlpRule; readonly depthScale: DecimalValue },
): MarketQuality {
  const text = (d: Decimal | null): string | null => (d === null ? null : toDecimalString(d));
  return {
    v: 1,
    market,
    windowMs: figures.windowMs,
    ts: context.ts,
    samples: figures.samples,
    depthScale: toDecimalString(new Dec(context.depthScale)),
    rule: { maxSpreadBps: toDecimalString(new Dec(context.rule.maxSpreadBps)), minDepth: toDecimalString(new Dec(context.rule.minDepth)) },
    figures: {
      trackingErrorRmsBps: text(figures.trackingErrorRmsBps),
      spreadRatio: text(figures.spreadRatio),
      depth: figures.depthRatio.map((b) => ({ bandBps: b.bandBps, depthRatio: { bids: text(b.bids), asks: text(b.asks) } })),
      uptimePct: { aggregate: text(figures.uptimePct.aggregate), perOrder: text(figures.uptimePct.perOrder) },
    },
  };
}

export {
  bestPrices,
  bookSpread,
  DEPTH_BANDS_PCT,
  depthBand,
  depthWithin,
  midPrice,
  priceGapPct,
  sideDepth,
  type BookDepth,
  type BookSides,
} from './book.metrics';
export {
  bookQuality,
  QUALITY_BANDS_BPS,
  trackingErrorBps,
  type BandQuality,
  type BookQuality,
  type BookQualityOptions,
  type SideNotional,
  type SideRatio,
} from './book.quality';
export {
  BookQualityWindow,
  rollingBookQuality,
  type BandRatio,
  type QualitySample,
  type RollingBookQuality,
} from './book-quality.window';
export { marketQualityPayload, qualitySample, type QualityInputs } from './market-quality.report';
export { OLP_MIN_DEPTH, olpRuleFor, twoSidedUptime, type OlpRule, type OwnOrder, type TwoSidedUptime } from './olp.uptime';
export { Dec, type DecimalValue } from './decimal.config';
export { decimalsByDenom, denomCatalog, FEE_DENOM, type DenomCatalogOptions, type DenomInfo } from './denom.catalog';
export { toDecimalString } from './decimal.format';
export { FEE_DATA_UNAVAILABLE, feeReport, feeReportSchema, NO_FEE_DATA, parseStoredFees, type FeeReading, type FeeReport } from './fee.report';
export { MarketMetadataError } from './market-metadata.error';
export type { Market, MarketNetwork, MarketType, Side } from './market.model';
export { lcdMarkPrice, normalizeLcdMarket } from './lcd-market.normalizer';
export { markPriceThreshold, meetsMarkPriceThreshold, type MarginedOrder } from './mark-price.threshold';
export { leverageMargin } from './order-margin';
export { catalogMarkets, type MarketsByNetwork } from './market-catalog.loader';
export {
  isOnTick,
  meetsMinNotional,
  minQuantityForNotional,
  roundPrice,
  roundQuantity,
} from './price.rounding';
export { lcdDerivativeMarketResponseSchema, lcdSpotMarketResponseSchema } from './lcd-market.schema';

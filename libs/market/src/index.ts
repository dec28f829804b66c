export {
  bestPrices,
  bookSpread,
  DEPTH_BANDS_PCT,
  depthBand,
  depthWithin,
  isInDepthBand,
  midPrice,
  sideDepth,
  type BestPrices,
  type BookDepth,
  type BookSides,
  type BookSpread,
  type DepthBand,
  type PriceLevel,
  type SideDepth,
} from './book.metrics';
export { Dec, type DecimalValue } from './decimal.config';
export { decimalsByDenom, denomCatalog, FEE_DENOM, type DenomCatalogOptions, type DenomInfo } from './denom.catalog';
export { toDecimalString } from './decimal.format';
export { InvalidAmountError, type InvalidAmountErrorCode } from './invalid-amount.error';
export { MarketMetadataError, type MarketMetadataErrorCode, type MetadataPath } from './market-metadata.error';
export type { Market, MarketNetwork, MarketStatus, MarketType, Side } from './market.model';
export { normalizeMarket } from './market.normalizer';
export { normalizeLcdMarket } from './lcd-market.normalizer';
export { catalogMarkets, loadMarketCatalog, type MarketsByNetwork } from './market-catalog.loader';
export {
  isOnTick,
  meetsMinNotional,
  minQuantityForNotional,
  roundPrice,
  roundQuantity,
} from './price.rounding';
export {
  rawCatalogDerivativeMarketSchema,
  rawCatalogMarketSchema,
  rawCatalogSpotMarketSchema,
  type RawCatalogDerivativeMarket,
  type RawCatalogMarket,
  type RawCatalogSpotMarket,
} from './raw-catalog-market.schema';
export {
  lcdDerivativeMarketResponseSchema,
  lcdSpotMarketResponseSchema,
  type LcdDerivativeMarketResponse,
  type LcdSpotMarketResponse,
} from './lcd-market.schema';

export {
  bestPrices,
  bookSpread,
  DEPTH_BANDS_PCT,
  depthBand,
  depthWithin,
  midPrice,
  sideDepth,
  type BookDepth,
  type BookSides,
} from './book.metrics';
export { Dec, type DecimalValue } from './decimal.config';
export { toDecimalString } from './decimal.format';
export { MarketMetadataError } from './market-metadata.error';
export type { Market, MarketNetwork, MarketType, Side } from './market.model';
export { normalizeLcdMarket } from './lcd-market.normalizer';
export { fixtureMarkets } from './markets-fixture.loader';
export {
  isOnTick,
  meetsMinNotional,
  minQuantityForNotional,
  roundPrice,
  roundQuantity,
} from './price.rounding';

import type Decimal from 'decimal.js';
import { Dec } from './decimal.config';
import { ExactDec } from './exact-decimal.config';
import { MarketMetadataError, type MetadataPath } from './market-metadata.error';
import type { Market, MarketNetwork, MarketType } from './market.model';
import {
  rawCatalogDerivativeMarketSchema,
  rawCatalogSpotMarketSchema,
  type RawCatalogDerivativeMarket,
  type RawCatalogSpotMarket,
} from './raw-catalog-market.schema';
import { parseTicker } from './ticker.parser';

/**
 * Converts one market entry of `catalog/injective-markets.json` (exchange-v1 chain format) into
 * a `Market` in human units. Spot: price tick × 10^(base − quote decimals), quantity tick
 * ÷ 10^base decimals, min notional ÷ 10^quote decimals. Derivative: price tick and min notional
 * ÷ 10^quote decimals; the quantity tick is already human.
 *
 * Whether the entry is a derivative is read from its shape (`is_perpetual` / margin ratios).
 * Throws `MarketMetadataError` (`INVALID_FIELD`, with the field's path) for bad data.
 */
export function normalizeMarket(raw: unknown, network: MarketNetwork): Market {
  return normalizeCatalogEntry(raw, network, looksLikeDerivative(raw) ? 'derivative' : 'spot', []);
}

/** @internal the catalog loader knows the type from the section and reports full paths */
export function normalizeCatalogEntry(
  raw: unknown,
  network: MarketNetwork,
  type: MarketType,
  path: MetadataPath,
): Market {
  if (type === 'spot') {
    const parsed = rawCatalogSpotMarketSchema.safeParse(raw);
    if (!parsed.success) throw MarketMetadataError.fromZodError(parsed.error, path);
    return spotMarket(parsed.data, network);
  }
  const parsed = rawCatalogDerivativeMarketSchema.safeParse(raw);
  if (!parsed.success) throw MarketMetadataError.fromZodError(parsed.error, path);
  return derivativeMarket(parsed.data, network, path);
}

function spotMarket(raw: RawCatalogSpotMarket, network: MarketNetwork): Market {
  return Object.freeze({
    id: raw.market_id,
    network,
    type: 'spot',
    status: raw.market_status,
    ticker: raw.ticker,
    baseSymbol: raw.base_symbol,
    quoteSymbol: raw.quote_symbol,
    baseDenom: raw.base_denom,
    quoteDenom: raw.quote_denom,
    baseDecimals: raw.base_decimals,
    quoteDecimals: raw.quote_decimals,
    priceTick: scaled(raw.min_price_tick_size, raw.base_decimals - raw.quote_decimals),
    quantityTick: scaled(raw.min_quantity_tick_size, -raw.base_decimals),
    minNotional: scaled(raw.min_notional, -raw.quote_decimals),
    makerFeeRate: new Dec(raw.maker_fee_rate),
    takerFeeRate: new Dec(raw.taker_fee_rate),
    initialMarginRatio: null,
    maintenanceMarginRatio: null,
    isPerpetual: false,
  } satisfies Market);
}

function derivativeMarket(raw: RawCatalogDerivativeMarket, network: MarketNetwork, path: MetadataPath): Market {
  const symbols = parseTicker(raw.ticker);
  if (!symbols) {
    throw new MarketMetadataError('INVALID_FIELD', [...path, 'ticker'], 'must read BASE/QUOTE, e.g. "INJ/USDT PERP"');
  }
  return Object.freeze({
    id: raw.market_id,
    network,
    type: 'derivative',
    status: raw.market_status,
    ticker: raw.ticker,
    baseSymbol: symbols.base,
    quoteSymbol: raw.quote_symbol,
    baseDenom: null,
    quoteDenom: raw.quote_denom,
    baseDecimals: 0,
    quoteDecimals: raw.quote_decimals,
    priceTick: scaled(raw.min_price_tick_size, -raw.quote_decimals),
    quantityTick: new Dec(raw.min_quantity_tick_size),
    minNotional: scaled(raw.min_notional, -raw.quote_decimals),
    makerFeeRate: new Dec(raw.maker_fee_rate),
    takerFeeRate: new Dec(raw.taker_fee_rate),
    initialMarginRatio: new Dec(raw.initial_margin_ratio),
    maintenanceMarginRatio: new Dec(raw.maintenance_margin_ratio),
    isPerpetual: raw.is_perpetual,
  } satisfies Market);
}

/** value × 10^exponent, exact: only the decimal point moves. */
function scaled(value: string, exponent: number): Decimal {
  return new Dec(new ExactDec(value).mul(new ExactDec(`1e${exponent}`)));
}

function looksLikeDerivative(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && ('is_perpetual' in raw || 'initial_margin_ratio' in raw);
}

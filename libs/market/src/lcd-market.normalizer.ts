import type Decimal from 'decimal.js';
import { Dec } from './decimal.config';
import { MarketMetadataError } from './market-metadata.error';
import type { Market, MarketNetwork } from './market.model';
import {
  lcdDerivativeMarketResponseSchema,
  lcdSpotMarketResponseSchema,
  perpetualFlag,
  type LcdDerivativeMarketResponse,
  type LcdSpotMarketResponse,
} from './lcd-market.schema';
import { parseTicker } from './ticker.parser';

/**
 * Converts a chain LCD reply of exchange v2 — `/injective/exchange/v2/spot/markets/{id}`
 * (`{ market: {…} }`) or `/injective/exchange/v2/derivative/markets/{id}`
 * (`{ market: { market: {…}, … } }`) — into a `Market`. v2 values are already human, so ticks and
 * min notional are taken as they are (trailing zeros dropped); symbols come from the ticker.
 *
 * Throws `MarketMetadataError` (`INVALID_FIELD`, with the field's path, e.g.
 * `market.market.min_price_tick_size`) for a reply that does not fit.
 */
export function normalizeLcdMarket(raw: unknown, network: MarketNetwork): Market {
  if (isDerivativeReply(raw)) {
    const parsed = lcdDerivativeMarketResponseSchema.safeParse(raw);
    if (!parsed.success) throw MarketMetadataError.fromZodError(parsed.error);
    return derivativeMarket(parsed.data, network);
  }
  const parsed = lcdSpotMarketResponseSchema.safeParse(raw);
  if (!parsed.success) throw MarketMetadataError.fromZodError(parsed.error);
  return spotMarket(parsed.data, network);
}

/**
 * The mark price of a `/injective/exchange/v2/derivative/markets/{id}` reply (FullDerivativeMarket
 * `mark_price`): null when the oracle has none (absent, null or not above zero, which the chain
 * treats as no valid mark). Throws `MarketMetadataError` for a reply that does not fit.
 */
export function lcdMarkPrice(raw: unknown): Decimal | null {
  const parsed = lcdDerivativeMarketResponseSchema.safeParse(raw);
  if (!parsed.success) throw MarketMetadataError.fromZodError(parsed.error);
  const mark = parsed.data.market.mark_price;
  if (mark === undefined || mark === null) return null;
  const price = new Dec(mark);
  return price.gt(0) ? price : null;
}

function spotMarket({ market: m }: LcdSpotMarketResponse, network: MarketNetwork): Market {
  const symbols = tickerSymbols(m.ticker, ['market', 'ticker']);
  return Object.freeze({
    id: m.market_id,
    network,
    type: 'spot',
    status: m.status,
    ticker: m.ticker,
    baseSymbol: symbols.base,
    quoteSymbol: symbols.quote,
    baseDenom: m.base_denom,
    quoteDenom: m.quote_denom,
    baseDecimals: m.base_decimals,
    quoteDecimals: m.quote_decimals,
    priceTick: new Dec(m.min_price_tick_size),
    quantityTick: new Dec(m.min_quantity_tick_size),
    minNotional: new Dec(m.min_notional),
    makerFeeRate: new Dec(m.maker_fee_rate),
    takerFeeRate: new Dec(m.taker_fee_rate),
    initialMarginRatio: null,
    maintenanceMarginRatio: null,
    isPerpetual: false,
  } satisfies Market);
}

function derivativeMarket(reply: LcdDerivativeMarketResponse, network: MarketNetwork): Market {
  const m = reply.market.market;
  const symbols = tickerSymbols(m.ticker, ['market', 'market', 'ticker']);
  return Object.freeze({
    id: m.market_id,
    network,
    type: 'derivative',
    status: m.status,
    ticker: m.ticker,
    baseSymbol: symbols.base,
    quoteSymbol: symbols.quote,
    baseDenom: null,
    quoteDenom: m.quote_denom,
    baseDecimals: 0,
    quoteDecimals: m.quote_decimals,
    priceTick: new Dec(m.min_price_tick_size),
    quantityTick: new Dec(m.min_quantity_tick_size),
    minNotional: new Dec(m.min_notional),
    makerFeeRate: new Dec(m.maker_fee_rate),
    takerFeeRate: new Dec(m.taker_fee_rate),
    initialMarginRatio: new Dec(m.initial_margin_ratio),
    maintenanceMarginRatio: new Dec(m.maintenance_margin_ratio),
    // the schema refuses a reply that does not say
    isPerpetual: perpetualFlag(reply) === true,
  } satisfies Market);
}

function tickerSymbols(ticker: string, path: readonly string[]): { base: string; quote: string } {
  const symbols = parseTicker(ticker);
  if (!symbols) throw new MarketMetadataError('INVALID_FIELD', path, 'must read BASE/QUOTE, e.g. "INJ/USDT"');
  return symbols;
}

function isDerivativeReply(raw: unknown): boolean {
  const market = field(raw, 'market');
  return typeof field(market, 'market') === 'object' && field(market, 'market') !== null;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

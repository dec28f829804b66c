import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type Decimal from 'decimal.js';
import type { Response } from 'express';
import { Dec, type Market, type MarketType } from '@mirrorbook/market';
import { SimChain } from '../chain/sim.chain';
import type { ExchangePort, SimOpenOrder, SimPriceLevel } from '../exchange/exchange.port';
import { hasMarkControl, hasPriceControl } from '../price-control.port';
import { FaultState } from '../faults/fault.state';
import { BLOCK_HEIGHT_HEADER } from '../limits/lcd-gate.middleware';
import { EXCHANGE_PORT } from '../sim.tokens';
import { dec18, dec18OrNull } from './lcd.format';
import { LcdError } from './lcd.error';

const SUBACCOUNT_ID = /^0x[0-9a-fA-F]{64}$/;
const MARKET_ID = /^0x[0-9a-fA-F]{64}$/;

/**
 * `injective.exchange.v2` queries over REST. Prices, quantities and margins are human-readable
 * LegacyDec strings with 18 decimals; deposits are chain base units.
 */
@Controller('injective/exchange/v2')
export class ExchangeQueryController {
  constructor(
    @Inject(EXCHANGE_PORT) private readonly exchange: ExchangePort,
    private readonly chain: SimChain,
    private readonly faults: FaultState,
  ) {}

  /** `{"buys_price_level":[{"p","q"}],"sells_price_level":[…],"seq"}`, best levels first; `limit` 0 or absent = all. */
  @Get('spot/orderbook/:marketId')
  spotOrderbook(@Param('marketId') marketId: string, @Query('limit') limit: unknown): Record<string, unknown> {
    return this.orderbook('spot', marketId, limit);
  }

  /** As the spot book, for a derivative market. */
  @Get('derivative/orderbook/:marketId')
  derivativeOrderbook(@Param('marketId') marketId: string, @Query('limit') limit: unknown): Record<string, unknown> {
    return this.orderbook('derivative', marketId, limit);
  }

  /** The subaccount's resting spot orders: `{"orders":[{"price","quantity","fillable","isBuy","order_hash","cid"}]}`. */
  @Get('spot/orders/:marketId/:subaccountId')
  spotOrders(
    @Param('marketId') marketId: string,
    @Param('subaccountId') subaccountId: string,
    @Res({ passthrough: true }) res: Response,
  ): Record<string, unknown> {
    this.requireMarket('spot', marketId);
    return { orders: this.openOrdersAnswered(marketId, requireSubaccount(subaccountId), res).map((o) => trimmedOrder(o, false)) };
  }

  /** As spot orders, each with `margin`. */
  @Get('derivative/orders/:marketId/:subaccountId')
  derivativeOrders(
    @Param('marketId') marketId: string,
    @Param('subaccountId') subaccountId: string,
    @Res({ passthrough: true }) res: Response,
  ): Record<string, unknown> {
    this.requireMarket('derivative', marketId);
    return { orders: this.openOrdersAnswered(marketId, requireSubaccount(subaccountId), res).map((o) => trimmedOrder(o, true)) };
  }

  /**
   * The open orders as this node answers them: the latest state, or under the `staleOpenOrdersBlocks`
   * fault the state of a node that many blocks behind, its height in the header. The sim keeps no
   * history: orders created since that height are left out, orders removed since are not restored.
   */
  private openOrdersAnswered(marketId: string, subaccountId: string, res: Response): SimOpenOrder[] {
    const orders = this.exchange.openOrders(marketId, subaccountId);
    const height = this.faults.staleOpenOrdersHeight(this.chain.latestHeight());
    if (height === null) return orders;
    res.setHeader(BLOCK_HEIGHT_HEADER, String(height));
    return orders.filter((o) => o.createdHeight <= height);
  }

  /**
   * `{"deposits":{"<denom>":{"available_balance","total_balance"}}}`, chain base units. The
   * default subaccount (nonce 0) keeps its free funds in the bank, as injective-core does
   * (docs/injective.md#balances-and-subaccounts): its deposits hold only what resting orders moved out of the bank
   * (`total_balance`), and `available_balance` is zero (the chain's rounding dust).
   */
  @Get('exchange/subaccountDeposits')
  subaccountDeposits(@Query('subaccount_id') subaccountId: unknown): Record<string, unknown> {
    const id = requireSubaccount(typeof subaccountId === 'string' ? subaccountId : '');
    const deposits: Record<string, { available_balance: string; total_balance: string }> = {};
    const entries = [...this.exchange.deposits(id).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const bankBacked = isDefaultSubaccount(id);
    for (const [denom, d] of entries) {
      const available = bankBacked ? new Dec(0) : d.available;
      const total = bankBacked ? d.total.sub(d.available) : d.total;
      if (bankBacked && total.isZero()) continue;
      deposits[denom] = {
        available_balance: dec18(this.chain.toBaseUnits(denom, available)),
        total_balance: dec18(this.chain.toBaseUnits(denom, total)),
      };
    }
    return { deposits };
  }

  /** `{"state":[{"subaccount_id","market_id","position":{"isLong","quantity","entry_price","margin","cumulative_funding_entry"}}]}`. */
  @Get('subaccount_positions/:subaccountId')
  positions(@Param('subaccountId') subaccountId: string): Record<string, unknown> {
    const id = requireSubaccount(subaccountId);
    return {
      state: this.exchange.positions(id).map((p) => ({
        subaccount_id: p.subaccountId,
        market_id: p.marketId,
        position: {
          isLong: p.isLong,
          quantity: dec18(p.quantity),
          entry_price: dec18(p.entryPrice),
          margin: dec18(p.margin),
          cumulative_funding_entry: dec18(p.cumulativeFundingEntry),
        },
      })),
    };
  }

  /** Every spot market: `{"markets":[SpotMarket…]}`. */
  @Get('spot/markets')
  spotMarkets(): Record<string, unknown> {
    return { markets: this.exchange.markets().filter((m) => m.type === 'spot').map(spotMarketJson) };
  }

  /** `{"market":SpotMarket}` with human ticks and the token decimals. */
  @Get('spot/markets/:marketId')
  spotMarket(@Param('marketId') marketId: string): Record<string, unknown> {
    return { market: spotMarketJson(this.requireMarket('spot', marketId)) };
  }

  /** Every derivative market: `{"markets":[FullDerivativeMarket…]}`. */
  @Get('derivative/markets')
  derivativeMarkets(): Record<string, unknown> {
    return { markets: this.exchange.markets().filter((m) => m.type === 'derivative').map((m) => this.fullDerivativeJson(m)) };
  }

  /** `{"market":{"market":DerivativeMarket,"perpetual_info"|"futures_info","mark_price","mid_price_and_tob"}}`. */
  @Get('derivative/markets/:marketId')
  derivativeMarket(@Param('marketId') marketId: string): Record<string, unknown> {
    return { market: this.fullDerivativeJson(this.requireMarket('derivative', marketId)) };
  }

  /** `{"mid_price","best_buy_price","best_sell_price"}`; null where a side is empty. */
  @Get('spot/mid_price_and_tob/:marketId')
  spotMidPrice(@Param('marketId') marketId: string): Record<string, unknown> {
    return this.midPriceAndTob('spot', marketId);
  }

  /** As the spot variant, for a derivative market. */
  @Get('derivative/mid_price_and_tob/:marketId')
  derivativeMidPrice(@Param('marketId') marketId: string): Record<string, unknown> {
    return this.midPriceAndTob('derivative', marketId);
  }

  private orderbook(type: MarketType, marketId: string, limit: unknown): Record<string, unknown> {
    this.requireMarket(type, marketId);
    const { buys, sells } = this.exchange.orderbook(marketId, parseLimit(limit));
    return {
      buys_price_level: buys.map(level),
      sells_price_level: sells.map(level),
      seq: String(this.exchange.bookSequence(marketId)),
    };
  }

  private midPriceAndTob(type: MarketType, marketId: string): Record<string, unknown> {
    this.requireMarket(type, marketId);
    const { buys, sells } = this.exchange.orderbook(marketId, 1);
    const bid = buys[0]?.price ?? null;
    const ask = sells[0]?.price ?? null;
    const mid = bid && ask ? bid.add(ask).div(2) : null;
    return { mid_price: dec18OrNull(mid), best_buy_price: dec18OrNull(bid), best_sell_price: dec18OrNull(ask) };
  }

  private requireMarket(type: MarketType, marketId: string): Market {
    if (!MARKET_ID.test(marketId)) throw LcdError.invalidArgument(`invalid market id ${JSON.stringify(marketId.slice(0, 80))}`);
    const market = this.exchange.market(marketId);
    if (!market || market.type !== type) throw LcdError.notFound(`${type} market ${marketId} not found`);
    return market;
  }

  private fullDerivativeJson(m: Market): Record<string, unknown> {
    const mark = this.markPrice(m);
    return {
      market: {
        ticker: m.ticker,
        oracle_base: '',
        oracle_quote: '',
        oracle_type: 'Provider',
        oracle_scale_factor: 0,
        quote_denom: m.quoteDenom,
        market_id: m.id,
        initial_margin_ratio: dec18(m.initialMarginRatio ?? new Dec(0)),
        maintenance_margin_ratio: dec18(m.maintenanceMarginRatio ?? new Dec(0)),
        maker_fee_rate: dec18(m.makerFeeRate),
        taker_fee_rate: dec18(m.takerFeeRate),
        relayer_fee_share_rate: dec18(new Dec('0.4')),
        isPerpetual: m.isPerpetual,
        status: statusName(m),
        min_price_tick_size: dec18(m.priceTick),
        min_quantity_tick_size: dec18(m.quantityTick),
        min_notional: dec18(m.minNotional),
        admin: '',
        admin_permissions: 0,
        quote_decimals: m.quoteDecimals,
        // the sim has no reduce-only margin rule of its own: the IMR, as markets launched without one
        reduce_margin_ratio: dec18(m.initialMarginRatio ?? new Dec(0)),
        open_notional_cap: { uncapped: {} },
        has_disabled_minimal_protocol_fee: false,
        force_paused_info: null,
        cross_margin_eligible: false,
      },
      ...(m.isPerpetual
        ? {
            perpetual_info: {
              market_info: { market_id: m.id, hourly_funding_rate_cap: '0.000625000000000000', hourly_interest_rate: '0.000004166660000000', next_funding_timestamp: '0', funding_interval: '3600' },
              funding_info: { cumulative_funding: dec18(new Dec(0)), cumulative_price: dec18(new Dec(0)), last_timestamp: '0' },
            },
          }
        : {
            futures_info: {
              market_id: m.id,
              expiration_timestamp: '0',
              twap_start_timestamp: '0',
              expiration_twap_start_price_cumulative: dec18(new Dec(0)),
              settlement_price: dec18(new Dec(0)),
              expiration_twap_start_base_cumulative_price: dec18(new Dec(0)),
              expiration_twap_start_quote_cumulative_price: dec18(new Dec(0)),
            },
          }),
      mark_price: dec18OrNull(mark),
      // filled by a node only when the query asks `with_mid_price_and_tob`
      mid_price_and_tob: null,
    };
  }

  /**
   * The market's oracle where the exchange has one (a testnet market's own mark, null while unset),
   * else the price process price, else the book's mid.
   */
  private markPrice(m: Market): Decimal | null {
    if (hasMarkControl(this.exchange)) {
      const mark = this.exchange.markPrice(m.id);
      if (mark !== undefined) return mark;
    }
    if (hasPriceControl(this.exchange)) {
      const reference = this.exchange.referencePrice(m.id);
      if (reference) return reference;
    }
    const { buys, sells } = this.exchange.orderbook(m.id, 1);
    return buys[0] && sells[0] ? buys[0].price.add(sells[0].price).div(2) : null;
  }
}

function spotMarketJson(m: Market): Record<string, unknown> {
  return {
    ticker: m.ticker,
    base_denom: m.baseDenom ?? '',
    quote_denom: m.quoteDenom,
    maker_fee_rate: dec18(m.makerFeeRate),
    taker_fee_rate: dec18(m.takerFeeRate),
    relayer_fee_share_rate: dec18(new Dec('0.4')),
    market_id: m.id,
    status: statusName(m),
    min_price_tick_size: dec18(m.priceTick),
    min_quantity_tick_size: dec18(m.quantityTick),
    min_notional: dec18(m.minNotional),
    admin: '',
    admin_permissions: 0,
    base_decimals: m.baseDecimals,
    quote_decimals: m.quoteDecimals,
    has_disabled_minimal_protocol_fee: false,
  };
}

function trimmedOrder(o: SimOpenOrder, derivative: boolean): Record<string, unknown> {
  return {
    price: dec18(o.price),
    quantity: dec18(o.quantity),
    ...(derivative ? { margin: dec18(o.margin ?? new Dec(0)) } : {}),
    fillable: dec18(o.fillable),
    isBuy: o.side === 'buy',
    order_hash: o.orderHash,
    cid: o.cid,
  };
}

function level(l: SimPriceLevel): { p: string; q: string } {
  return { p: dec18(l.price), q: dec18(l.quantity) };
}

/** The proto enum name the LCD prints: `Active`, `Paused`, … */
function statusName(m: Market): string {
  const status = m.status ?? 'active';
  return status.charAt(0).toUpperCase() + status.slice(1);
}

function parseLimit(limit: unknown): number {
  if (limit === undefined || limit === '') return 0;
  if (typeof limit !== 'string' || !/^\d{1,9}$/.test(limit)) throw LcdError.invalidArgument(`invalid limit ${JSON.stringify(limit)}`);
  return Number(limit);
}

/** Nonce 0: the last 24 hex digits of the id are zero (the address's default subaccount). */
function isDefaultSubaccount(subaccountId: string): boolean {
  return /0{24}$/.test(subaccountId);
}

function requireSubaccount(subaccountId: string): string {
  if (!SUBACCOUNT_ID.test(subaccountId)) {
    throw LcdError.invalidArgument(`invalid subaccount id ${JSON.stringify(subaccountId.slice(0, 80))}`);
  }
  return subaccountId.toLowerCase();
}

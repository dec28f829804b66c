import type Decimal from 'decimal.js';

/** Which Injective network a market's metadata belongs to. `sim` serves copies of both. */
export type MarketNetwork = 'mainnet' | 'testnet';

export type MarketType = 'spot' | 'derivative';

/** Trading status as the exchange module reports it; only `active` markets accept orders. */
export type MarketStatus = 'active' | 'paused' | 'suspended' | 'demolished' | 'expired';

/** Order side as the strategy and the executor speak it. */
export type Side = 'buy' | 'sell';

/**
 * One Injective market in human units. Chain-format values (exchange v1 / indexer) are converted
 * into this model by `normalizeMarket`, exchange v2 LCD values by `normalizeLcdMarket`;
 * converting back to chain format happens only in libs/injective.
 */
export interface Market {
  /** 0x-prefixed 32-byte market id */
  readonly id: string;
  readonly network: MarketNetwork;
  readonly type: MarketType;
  /** trading status when the metadata was read */
  readonly status: MarketStatus;
  /** e.g. `INJ/USDT` or `INJ/USDT PERP` */
  readonly ticker: string;
  readonly baseSymbol: string;
  readonly quoteSymbol: string;
  /** bank denom of the base asset; derivatives have none */
  readonly baseDenom: string | null;
  readonly quoteDenom: string;
  /** decimals of the base asset; 0 for derivatives (quantities are already human) */
  readonly baseDecimals: number;
  readonly quoteDecimals: number;
  /** smallest price increment, quote units per base unit */
  readonly priceTick: Decimal;
  /** smallest quantity increment, base units (contracts for derivatives) */
  readonly quantityTick: Decimal;
  /** smallest order notional (price × quantity), quote units */
  readonly minNotional: Decimal;
  /** fraction of notional; negative = rebate */
  readonly makerFeeRate: Decimal;
  /** fraction of notional */
  readonly takerFeeRate: Decimal;
  /** derivatives only: fraction of notional required as initial margin */
  readonly initialMarginRatio: Decimal | null;
  /** derivatives only: fraction of notional below which a position is liquidated */
  readonly maintenanceMarginRatio: Decimal | null;
  readonly isPerpetual: boolean;
}

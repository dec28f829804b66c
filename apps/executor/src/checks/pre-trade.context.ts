import type Decimal from 'decimal.js';
import type { StoredOrder } from '@mirrorbook/contracts';
import type { Market } from '@mirrorbook/market';
import type { VenueLimits } from '../chain/chain.fees';
import type { FeeBudgetVerdict } from '../fees/fee.budget';
import type { PreTradeLimits } from '../settings/executor.settings';
import type { MarketLimits } from './market-limits';
import type { TakerWindow } from './taker.window';

/** A configured market as the checks see it. */
export interface CheckedMarket {
  /** config `enabled` */
  readonly enabled: boolean;
  /** chain metadata, when it could be read */
  readonly market: Market | undefined;
  /** why the metadata could not be read (the market is disabled for this tenure) */
  readonly unavailable?: string;
}

/** The latest reference (mainnet) price of a market. */
export interface ReferencePrice {
  /** quote units per base unit */
  readonly price: Decimal;
  /** when the feed read it, ms since epoch */
  readonly ts: number;
}

/** The latest testnet (trading) price of a market, as the price feed stored it. */
export interface TradingPrice {
  /** mid of the testnet book (its only best price when one-sided), quote per base */
  readonly mid: Decimal;
  readonly bid: Decimal | null;
  readonly ask: Decimal | null;
  /** when the feed read it, ms since epoch */
  readonly ts: number;
}

/** The strategy parameters the checks need, for one bot on one market. */
export interface BotMarketParams {
  /** baseSize of the config files alone (never a live edit), base units: the default quantity cap scales with it */
  readonly configuredBaseSize: Decimal;
  /** maxNetPosition of the config files alone (never a live edit), base units: the default net position cap */
  readonly configuredMaxNetPosition: Decimal;
  /** derivatives: margin = notional / leverage (config layers and the validated `bot:<id>` record) */
  readonly leverage: Decimal;
}

/** Whether this chain may be signed for, and why not. */
export type ChainGuard = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** Everything the pre-trade checks read, gathered by the caller before a batch is built. */
export interface PreTradeContext {
  /** ms since epoch */
  readonly now: number;
  readonly chainGuard: ChainGuard;
  readonly limits: PreTradeLimits;
  /** market keys a bot of this wallet may trade; undefined for an unknown bot */
  readonly botMarkets: (botId: string) => readonly string[] | undefined;
  /** undefined when the market key is not configured */
  readonly market: (marketKey: string) => CheckedMarket | undefined;
  readonly reference: (marketKey: string) => ReferencePrice | undefined;
  /** the testnet price the executor measures the gap with; undefined when none is stored */
  readonly trading: (marketKey: string) => TradingPrice | undefined;
  /**
   * a derivative market's mark (oracle) price on the trading chain: null when the chain has none
   * (nil), undefined when it could not be read
   */
  readonly mark: (marketKey: string) => Decimal | null | undefined;
  readonly params: (botId: string, marketKey: string) => BotMarketParams;
  /** the executor's caps on a bot's orders on a market, from configuration */
  readonly marketLimits: (botId: string, marketKey: string) => MarketLimits;
  /** taker notional accepted per market in the rolling window; the checks record what they accept */
  readonly takerWindow: TakerWindow;
  /** available subaccount balance per bank denom, human units; undefined when it could not be read */
  readonly available: ReadonlyMap<string, Decimal> | undefined;
  /** a derivative market's net position on chain, base units, long positive; undefined when not read */
  readonly position: (marketKey: string) => Decimal | undefined;
  /** the wallet's open orders on a market as the executor knows them */
  readonly openOrders: (marketKey: string) => readonly StoredOrder[];
  /** the chain's limits (exchange params); undefined when not read */
  readonly venue?: VenueLimits;
  /** the wallet's daily fee budget: `paused` refuses every create (cancels still go) */
  readonly feeBudget?: FeeBudgetVerdict;
}

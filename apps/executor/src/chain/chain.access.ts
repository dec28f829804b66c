import type Decimal from 'decimal.js';
import type { AppConfig, MarketPair } from '@mirrorbook/config';
import {
  LcdClient,
  lcdUrlsFromEnv,
  networkSides,
  type AccountInfo,
  type ExchangeParams,
  type NetworkConfig,
  type OpenOrdersAtHeight,
  type Position,
  type RequestLimiter,
  type SubaccountDeposits,
} from '@mirrorbook/injective';
import { broadcastTx, parseTxResult, type TxResult } from '@mirrorbook/injective/signing';
import type { Market } from '@mirrorbook/market';

/** The chain id as a node reports it in its latest block header. */
/** The executor's view of the trading chain: thin calls over libs/injective's LCD client. */
export class ChainAccess {
  readonly network: NetworkConfig;
  /** NETWORK: which chain id `network.chainId` is the one expected for */
  readonly networkName: string;
  readonly lcd: LcdClient;

  /**
   * `limiterFor`: the request budget of the LCD host at a URL — the machine-wide Redis bucket
   * every process shares (public nodes limit per IP, the sim too); the sim's and testnet's alike.
   */
  constructor(config: AppConfig, limiterFor: (lcdUrl: string) => RequestLimiter) {
    const sides = networkSides(config.env.NETWORK, lcdUrlsFromEnv(config.env));
    this.network = sides.trading.config;
    this.networkName = sides.name;
    this.lcd = new LcdClient({ baseUrl: this.network.lcdUrl, rateLimiter: limiterFor(this.network.lcdUrl) });
  }

  /** The chain id the node reports. */
  chainId(): Promise<string> {
    return this.lcd.getChainId();
  }

  /** Account number and committed sequence. */
  account(address: string): Promise<AccountInfo> {
    return this.lcd.getAccount(address);
  }

  /**
   * Height of the latest block. With `maxAgeMs`, the height the last reply of the host carried
   * (`Grpc-Metadata-X-Cosmos-Block-Height`) when it came within that many ms: no request at all.
   */
  latestHeight(maxAgeMs = 0): Promise<number> {
    const seen = this.lcd.lastSeenHeight();
    if (seen !== null && maxAgeMs > 0 && Date.now() - seen.atMs <= maxAgeMs) return Promise.resolve(seen.height);
    return this.lcd.getLatestHeight();
  }

  /** Metadata of a configured market on the trading network. */
  market(pair: MarketPair): Promise<Market> {
    return pair.type === 'spot'
      ? this.lcd.getSpotMarket(pair.testnetMarketId, 'testnet')
      : this.lcd.getDerivativeMarket(pair.testnetMarketId, 'testnet');
  }

  /** The mark (oracle) price of a derivative market on the trading network; null when it has none. */
  markPrice(market: Market): Promise<Decimal | null> {
    return this.lcd.getDerivativeMarkPrice(market.id);
  }

  /** The subaccount's resting orders on one market, with the height the node answered at. */
  openOrders(market: Market, subaccountId: string): Promise<OpenOrdersAtHeight> {
    return market.type === 'spot'
      ? this.lcd.getSpotOpenOrdersAtHeight(market.id, subaccountId)
      : this.lcd.getDerivativeOpenOrdersAtHeight(market.id, subaccountId);
  }

  /** The subaccount's deposits in human units (`decimals` per denom). */
  deposits(subaccountId: string, decimals: Readonly<Record<string, number>>): Promise<SubaccountDeposits> {
    return this.lcd.getSubaccountDeposits(subaccountId, decimals);
  }

  /** The address's bank balances in human units (`decimals` per denom): the default subaccount's free funds. */
  bankBalances(address: string, decimals: Readonly<Record<string, number>>): Promise<{ balances: Record<string, Decimal> }> {
    return this.lcd.getBankBalances(address, decimals);
  }

  /** The subaccount's derivative positions. */
  positions(subaccountId: string): Promise<Position[]> {
    return this.lcd.getSubaccountPositions(subaccountId);
  }

  /** The exchange module's parameters (fixed gas, order side count, post-only mode). */
  exchangeParams(): Promise<ExchangeParams> {
    return this.lcd.getExchangeParams();
  }

  /** The current EIP-1559 base fee per gas unit, `inj` base units. */
  eipBaseFee(): Promise<Decimal> {
    return this.lcd.getEipBaseFee();
  }

  /** The gas signed tx bytes use (`POST /cosmos/tx/v1beta1/simulate`). */
  async simulateGas(txBytesBase64: string): Promise<number> {
    return (await this.lcd.simulateTx(txBytesBase64)).gasUsed;
  }

  /** Sends signed tx bytes (SYNC); throws the chain's typed refusal, or `signal`'s reason once it aborts (the rate-limiter wait included). */
  async broadcast(txBytesBase64: string, signal?: AbortSignal): Promise<string> {
    return (await broadcastTx(this.lcd, txBytesBase64, { signal })).txHash;
  }

  /** The included tx's result, or null while it is not in a block. */
  async tx(txHash: string): Promise<TxResult | null> {
    const response = await this.lcd.getTx(txHash);
    return response ? parseTxResult(response, `GET ${this.lcd.baseUrl}/cosmos/tx/v1beta1/txs/${txHash}`) : null;
  }
}

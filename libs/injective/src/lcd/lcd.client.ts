import type Decimal from 'decimal.js';
import { lcdMarkPrice, MarketMetadataError, normalizeLcdMarket, type Market, type MarketNetwork } from '@mirrorbook/market';
import { ExponentialBackoff, handleWhen, retry, type RetryPolicy } from 'cockatiel';
import { z } from 'zod';
import { AccountNotFoundError } from '../errors/account-not-found.error';
import { ChainUnavailableError } from '../errors/chain-unavailable.error';
import { LcdRequestError } from '../errors/lcd-request.error';
import { MalformedResponseError } from '../errors/malformed-response.error';
import { RateLimitedError } from '../errors/rate-limited.error';
import { fromChainUnits } from './chain-units.converter';
import { grpcStatusOf, isDeterministicStatus } from './grpc-status.parser';
import { CHAIN_LCD_RATE_PER_SECOND } from './rate-limit.defaults';
import { rateLimiters } from './rate-limiter.registry';
import type { RequestLimiter } from './request.limiter';
import { accountResponseSchema, type AccountInfo } from './schemas/account.schema';
import { eipBaseFeeResponseSchema } from './schemas/eip-base-fee.schema';
import { exchangeParamsResponseSchema, type ExchangeParams } from './schemas/exchange-params.schema';
import { latestBlockResponseSchema } from './schemas/latest-block.schema';
import { nodeInfoResponseSchema } from './schemas/node-info.schema';
import { midPriceAndTobResponseSchema, type MidPriceAndTob } from './schemas/mid-price-and-tob.schema';
import {
  derivativeOpenOrdersResponseSchema,
  spotOpenOrdersResponseSchema,
  type OpenOrder,
} from './schemas/open-orders.schema';
import { orderbookResponseSchema, type Orderbook } from './schemas/orderbook.schema';
import { positionsResponseSchema, type Position } from './schemas/positions.schema';
import { bankBalancesResponseSchema } from './schemas/bank-balances.schema';
import { simulateResponseSchema, type SimulationGas } from './schemas/simulate.schema';
import { subaccountDepositsResponseSchema } from './schemas/subaccount-deposits.schema';
import { txResponseEnvelopeSchema, type LcdTxResponse } from './schemas/tx-response.schema';
import {
  BLOCK_HEIGHT_HEADER,
  heightFromHeader,
  type DepositBalance,
  type LcdClientOptions,
  type LcdRequestOptions,
  type LcdSendOptions,
  type OpenOrdersAtHeight,
  type SeenHeight,
  type SubaccountDeposits,
} from './lcd-client.types';

export {
  BLOCK_HEIGHT_HEADER,
  heightFromHeader,
  type DepositBalance,
  type LcdClientOptions,
  type LcdRequestOptions,
  type LcdSendOptions,
  type OpenOrdersAtHeight,
  type SeenHeight,
  type SubaccountDeposits,
};
import { isConnectionRefused, retryAfterMs, TransientFailure } from './transient.failure';
import { deepestIssue, formatPath } from './zod-issue.format';

interface HttpReply {
  readonly status: number;
  readonly body: string;
  /** the height header of this reply (`Grpc-Metadata-X-Cosmos-Block-Height`), null when absent */
  readonly height: number | null;
}

/**
 * The smallest module query of the chain. Module queries (not the tendermint or tx services) carry
 * the height they were served at in a header, so its reply is the cheapest way to learn the height.
 */
const HEIGHT_PROBE_PATH = '/cosmos/auth/v1beta1/params';

const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_MAX_RETRIES = 3;
const DEFAULT_INITIAL_BACKOFF_MS = 100;
const DEFAULT_MAX_BACKOFF_MS = 2000;

/**
 * Reads the Injective chain LCD (REST): every reply goes through a zod schema, so callers get
 * typed, human-unit values or a typed error, never `undefined`. All clients of one host share a
 * rate limiter; each attempt has its own timeout; 429/5xx/network failures are retried with
 * exponential backoff and jitter, then surface as `RateLimitedError` / `ChainUnavailableError`.
 * The exact reply shapes are documented in libs/injective/README.md.
 */
export class LcdClient {
  /** base URL without trailing slash */
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly limiter: RequestLimiter;
  private seenHeight: SeenHeight | null = null;
  private readonly retryAny: RetryPolicy;
  private readonly retryUnsent: RetryPolicy;

  constructor(options: LcdClientOptions) {
    this.baseUrl = new URL(options.baseUrl).toString().replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.limiter =
      options.rateLimiter ??
      (options.rateLimiterRegistry ?? rateLimiters).forUrl(this.baseUrl, options.ratePerSecond ?? CHAIN_LCD_RATE_PER_SECOND);
    const policy = (predicate: (failure: TransientFailure) => boolean) =>
      retry(
        handleWhen((error) => error instanceof TransientFailure && predicate(error)),
        {
          maxAttempts: options.maxRetries ?? DEFAULT_MAX_RETRIES,
          backoff: new ExponentialBackoff({
            initialDelay: options.initialBackoffMs ?? DEFAULT_INITIAL_BACKOFF_MS,
            maxDelay: options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS,
          }),
        },
      );
    this.retryAny = policy(() => true);
    this.retryUnsent = policy((failure) => failure.unsent);
  }

  /** `GET /cosmos/auth/v1beta1/accounts/{address}`; `AccountNotFoundError` when the chain has none. */
  async getAccount(address: string, options?: LcdRequestOptions): Promise<AccountInfo> {
    const path = `/cosmos/auth/v1beta1/accounts/${encodeURIComponent(address)}`;
    const reply = await this.send('GET', path, undefined, options);
    if (reply.status === 404) throw new AccountNotFoundError(address);
    return this.parseOk(reply, 'GET', path, accountResponseSchema);
  }

  /**
   * The highest block height a reply of this host carried (`Grpc-Metadata-X-Cosmos-Block-Height`,
   * sent with every query reply), and when it came; null before the first such reply. Costs no
   * request: callers that only need "a recent height" prefer it to `getLatestHeight`.
   */
  lastSeenHeight(): SeenHeight | null {
    return this.seenHeight;
  }

  /**
   * Height of the latest committed block: the height header of a tiny module query
   * (`/cosmos/auth/v1beta1/params`, a few hundred bytes). Only a node that sends no such header
   * costs a whole block (`/cosmos/base/tendermint/v1beta1/blocks/latest`, large on mainnet).
   */
  async getLatestHeight(options?: LcdRequestOptions): Promise<number> {
    const probe = await this.send('GET', HEIGHT_PROBE_PATH, undefined, options);
    this.parseOk(probe, 'GET', HEIGHT_PROBE_PATH, z.unknown());
    if (probe.height !== null) return probe.height;
    return this.getJson('/cosmos/base/tendermint/v1beta1/blocks/latest', latestBlockResponseSchema, options);
  }

  /** The chain id the node serves (`node_info`'s `default_node_info.network`). */
  getChainId(options?: LcdRequestOptions): Promise<string> {
    return this.getJson('/cosmos/base/tendermint/v1beta1/node_info', nodeInfoResponseSchema, options);
  }

  /** Aggregated spot book, up to `limit` levels a side (the chain's default when omitted). */
  getSpotOrderbook(marketId: string, limit?: number, options?: LcdRequestOptions): Promise<Orderbook> {
    return this.getJson(`/injective/exchange/v2/spot/orderbook/${id(marketId)}${limitQuery(limit)}`, orderbookResponseSchema, options);
  }

  /** Aggregated derivative book, up to `limit` levels a side. */
  getDerivativeOrderbook(marketId: string, limit?: number, options?: LcdRequestOptions): Promise<Orderbook> {
    return this.getJson(
      `/injective/exchange/v2/derivative/orderbook/${id(marketId)}${limitQuery(limit)}`,
      orderbookResponseSchema,
      options,
    );
  }

  /** The subaccount's resting spot limit orders on one market. */
  async getSpotOpenOrders(marketId: string, subaccountId: string, options?: LcdRequestOptions): Promise<OpenOrder[]> {
    return (await this.getSpotOpenOrdersAtHeight(marketId, subaccountId, options)).orders;
  }

  /** As `getSpotOpenOrders`, with the height the node answered at. */
  getSpotOpenOrdersAtHeight(marketId: string, subaccountId: string, options?: LcdRequestOptions): Promise<OpenOrdersAtHeight> {
    return this.openOrdersAtHeight(`/injective/exchange/v2/spot/orders/${id(marketId)}/${id(subaccountId)}`, spotOpenOrdersResponseSchema, options);
  }

  /** The subaccount's resting derivative limit orders on one market (with margin). */
  async getDerivativeOpenOrders(marketId: string, subaccountId: string, options?: LcdRequestOptions): Promise<OpenOrder[]> {
    return (await this.getDerivativeOpenOrdersAtHeight(marketId, subaccountId, options)).orders;
  }

  /** As `getDerivativeOpenOrders`, with the height the node answered at. */
  getDerivativeOpenOrdersAtHeight(marketId: string, subaccountId: string, options?: LcdRequestOptions): Promise<OpenOrdersAtHeight> {
    return this.openOrdersAtHeight(
      `/injective/exchange/v2/derivative/orders/${id(marketId)}/${id(subaccountId)}`,
      derivativeOpenOrdersResponseSchema,
      options,
    );
  }

  /**
   * The address's bank balances in human units: the free funds, which for the default subaccount
   * are what it can spend (docs/injective.md#balances-and-subaccounts). As for deposits, the caller
   * supplies each denom's decimals; denoms missing from the map are listed in `unknownDenoms`.
   */
  async getBankBalances(
    address: string,
    decimalsByDenom: Readonly<Record<string, number>>,
    options?: LcdRequestOptions,
  ): Promise<{ balances: Record<string, Decimal>; unknownDenoms: string[] }> {
    const coins = await this.getJson(`/cosmos/bank/v1beta1/balances/${encodeURIComponent(address)}?pagination.limit=1000`, bankBalancesResponseSchema, options);
    const balances: Record<string, Decimal> = {};
    const unknownDenoms: string[] = [];
    for (const coin of coins) {
      const decimals = Object.hasOwn(decimalsByDenom, coin.denom) ? decimalsByDenom[coin.denom] : undefined;
      if (decimals === undefined) unknownDenoms.push(coin.denom);
      else balances[coin.denom] = fromChainUnits(coin.amount, decimals);
    }
    return { balances, unknownDenoms };
  }

  /**
   * The subaccount's deposits in human units. The chain answers in base units, so the caller
   * supplies each denom's decimals (`{ inj: 18, 'peggy0x…': 6 }`); denoms missing from the map
   * are listed in `unknownDenoms` instead of guessed.
   */
  async getSubaccountDeposits(
    subaccountId: string,
    decimalsByDenom: Readonly<Record<string, number>>,
    options?: LcdRequestOptions,
  ): Promise<SubaccountDeposits> {
    const deposits = await this.getJson(
      `/injective/exchange/v2/exchange/subaccountDeposits?subaccount_id=${id(subaccountId)}`,
      subaccountDepositsResponseSchema,
      options,
    );
    const balances: Record<string, DepositBalance> = {};
    const unknownDenoms: string[] = [];
    for (const [denom, deposit] of Object.entries(deposits)) {
      const decimals = Object.hasOwn(decimalsByDenom, denom) ? decimalsByDenom[denom] : undefined;
      if (decimals === undefined) {
        unknownDenoms.push(denom);
        continue;
      }
      balances[denom] = {
        available: fromChainUnits(deposit.available_balance, decimals),
        total: fromChainUnits(deposit.total_balance, decimals),
      };
    }
    return { balances, unknownDenoms };
  }

  /** The subaccount's open derivative positions, human units. */
  getSubaccountPositions(subaccountId: string, options?: LcdRequestOptions): Promise<Position[]> {
    return this.getJson(`/injective/exchange/v2/subaccount_positions/${id(subaccountId)}`, positionsResponseSchema, options);
  }

  /** Spot market metadata as a `Market` (human units), tagged with `network`. */
  getSpotMarket(marketId: string, network: MarketNetwork, options?: LcdRequestOptions): Promise<Market> {
    return this.getMarket(`/injective/exchange/v2/spot/markets/${id(marketId)}`, marketId, network, options);
  }

  /** Derivative market metadata as a `Market` (human units), tagged with `network`. */
  getDerivativeMarket(marketId: string, network: MarketNetwork, options?: LcdRequestOptions): Promise<Market> {
    return this.getMarket(`/injective/exchange/v2/derivative/markets/${id(marketId)}`, marketId, network, options);
  }

  /**
   * The derivative market's mark (oracle) price, human units, from the same query as its metadata
   * (`mark_price` of FullDerivativeMarket); null when the market has no valid mark.
   */
  async getDerivativeMarkPrice(marketId: string, options?: LcdRequestOptions): Promise<Decimal | null> {
    const path = `/injective/exchange/v2/derivative/markets/${id(marketId)}`;
    const body = await this.getJson(path, z.unknown(), options);
    try {
      return lcdMarkPrice(body);
    } catch (error) {
      if (error instanceof MarketMetadataError) {
        throw new MalformedResponseError(this.endpoint('GET', path), error.path, error.reason, { cause: error });
      }
      throw error;
    }
  }

  /** Spot mid price and best bid/ask; null where a side is empty. */
  getSpotMidPriceAndTob(marketId: string, options?: LcdRequestOptions): Promise<MidPriceAndTob> {
    return this.getJson(`/injective/exchange/v2/spot/mid_price_and_tob/${id(marketId)}`, midPriceAndTobResponseSchema, options);
  }

  /** Derivative mid price and best bid/ask; null where a side is empty. */
  getDerivativeMidPriceAndTob(marketId: string, options?: LcdRequestOptions): Promise<MidPriceAndTob> {
    return this.getJson(
      `/injective/exchange/v2/derivative/mid_price_and_tob/${id(marketId)}`,
      midPriceAndTobResponseSchema,
      options,
    );
  }

  /** The exchange module's parameters (`fixed_gas_enabled`, order side count, post-only mode). */
  getExchangeParams(options?: LcdRequestOptions): Promise<ExchangeParams> {
    return this.getJson('/injective/exchange/v2/exchangeParams', exchangeParamsResponseSchema, options);
  }

  /** The current EIP-1559 base fee per gas unit (`inj` base units, a LegacyDec). */
  getEipBaseFee(options?: LcdRequestOptions): Promise<Decimal> {
    return this.getJson('/injective/txfees/v1beta1/cur_eip_base_fee', eipBaseFeeResponseSchema, options);
  }

  /** `POST /cosmos/tx/v1beta1/simulate` of signed tx bytes: the gas it used. */
  simulateTx(txBytesBase64: string, options?: LcdSendOptions): Promise<SimulationGas> {
    return this.postJson('/cosmos/tx/v1beta1/simulate', { tx_bytes: txBytesBase64 }, simulateResponseSchema, options);
  }

  /** `GET /cosmos/tx/v1beta1/txs/{hash}`; null while the tx is not in a block (404, gRPC NotFound). */
  async getTx(txHash: string, options?: LcdRequestOptions): Promise<LcdTxResponse | null> {
    const path = `/cosmos/tx/v1beta1/txs/${id(txHash)}`;
    const reply = await this.send('GET', path, undefined, options);
    if (reply.status !== 200 && isTxNotFound(reply)) return null;
    return this.parseOk(reply, 'GET', path, txResponseEnvelopeSchema);
  }

  /** GET `path` and parse a 200 reply with `schema`; other statuses throw `LcdRequestError`. */
  async getJson<S extends z.ZodTypeAny>(path: string, schema: S, options?: LcdRequestOptions): Promise<z.output<S>> {
    const reply = await this.send('GET', path, undefined, options);
    return this.parseOk(reply, 'GET', path, schema);
  }

  private async openOrdersAtHeight(
    path: string,
    schema: typeof spotOpenOrdersResponseSchema | typeof derivativeOpenOrdersResponseSchema,
    options?: LcdRequestOptions,
  ): Promise<OpenOrdersAtHeight> {
    const reply = await this.send('GET', path, undefined, options);
    return { orders: this.parseOk(reply, 'GET', path, schema), height: reply.height };
  }

  /** POST `body` as JSON to `path` and parse a 200 reply with `schema` (not retried when ambiguous). */
  async postJson<S extends z.ZodTypeAny>(
    path: string,
    body: unknown,
    schema: S,
    options?: LcdSendOptions,
  ): Promise<z.output<S>> {
    const reply = await this.send('POST', path, body, options);
    return this.parseOk(reply, 'POST', path, schema);
  }

  private async getMarket(path: string, marketId: string, network: MarketNetwork, options?: LcdRequestOptions): Promise<Market> {
    const body = await this.getJson(path, z.unknown(), options);
    let market: Market;
    try {
      market = normalizeLcdMarket(body, network);
    } catch (error) {
      if (error instanceof MarketMetadataError) {
        throw new MalformedResponseError(this.endpoint('GET', path), error.path, error.reason, { cause: error });
      }
      throw error;
    }
    if (market.id.toLowerCase() !== marketId.toLowerCase()) {
      throw new MalformedResponseError(this.endpoint('GET', path), 'market.market_id', `answers for another market (${market.id})`);
    }
    return market;
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    options: LcdSendOptions = {},
  ): Promise<HttpReply> {
    const { signal } = options;
    const policy = (options.idempotent ?? method === 'GET') ? this.retryAny : this.retryUnsent;
    try {
      return await policy.execute(() => this.attempt(method, `${this.baseUrl}${path}`, body, signal), signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (!(error instanceof TransientFailure)) throw error;
      const endpoint = this.endpoint(method, path);
      if (error.kind === 'rate-limited') throw new RateLimitedError(endpoint, error.retryAfterMs, { cause: error });
      throw new ChainUnavailableError(endpoint, error.kind, error.status, { cause: error });
    }
  }

  private async attempt(method: 'GET' | 'POST', url: string, body: unknown, signal?: AbortSignal): Promise<HttpReply> {
    await this.limiter.acquire(signal);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) throw new TransientFailure('timeout', null, false, null, { cause: error });
      throw new TransientFailure('network', null, isConnectionRefused(error), null, { cause: error });
    }
    const height = heightFromHeader(response.headers.get(BLOCK_HEIGHT_HEADER));
    this.noteHeight(height);
    if (response.status === 429) {
      throw new TransientFailure('rate-limited', 429, true, retryAfterMs(response.headers.get('retry-after')));
    }
    if (response.status >= 500 && !isDeterministicStatus(grpcStatusOf(text))) {
      throw new TransientFailure('server-error', response.status, false, null, { cause: text.slice(0, 500) });
    }
    return { status: response.status, body: text, height };
  }

  private noteHeight(height: number | null): void {
    if (height === null || (this.seenHeight !== null && height < this.seenHeight.height)) return;
    this.seenHeight = { height, atMs: Date.now() };
  }

  private parseOk<S extends z.ZodTypeAny>(reply: HttpReply, method: 'GET' | 'POST', path: string, schema: S): z.output<S> {
    const endpoint = this.endpoint(method, path);
    if (reply.status < 200 || reply.status >= 300) {
      const status = grpcStatusOf(reply.body);
      throw new LcdRequestError(endpoint, reply.status, status.code, status.message);
    }
    let json: unknown;
    try {
      json = JSON.parse(reply.body);
    } catch (error) {
      throw new MalformedResponseError(endpoint, '', 'body is not JSON', { cause: error });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = deepestIssue(parsed.error);
      throw new MalformedResponseError(endpoint, formatPath(issue?.path ?? []), issue?.message ?? 'invalid', {
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  private endpoint(method: string, path: string): string {
    return `${method} ${this.baseUrl}${path.split('?')[0]}`;
  }
}

function id(value: string): string {
  return encodeURIComponent(value);
}

function limitQuery(limit: number | undefined): string {
  if (limit === undefined) return '';
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`orderbook limit must be a positive integer, got ${limit}`);
  return `?limit=${limit}`;
}

function isTxNotFound(reply: HttpReply): boolean {
  if (reply.status === 404) return true;
  const status = grpcStatusOf(reply.body);
  return status.code === 5 || /tx not found/i.test(status.message);
}
